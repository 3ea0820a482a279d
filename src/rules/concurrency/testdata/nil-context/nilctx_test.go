package nilctx

import (
	"context"
	"testing"
)

func TestNil(t *testing.T) {
	_ = context.WithValue(nil, "k", "v") // tests are not reported by default
}
