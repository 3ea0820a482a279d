package srv

import (
	"testing"

	"google.golang.org/grpc"
)

func TestServer(t *testing.T) {
	_ = grpc.NewServer()
}
