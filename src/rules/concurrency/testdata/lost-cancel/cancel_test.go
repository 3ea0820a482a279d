package cancel

import (
	"context"
	"testing"
)

func TestCancel(t *testing.T) {
	ctx, _ := context.WithCancel(context.Background())
	_ = ctx
}
