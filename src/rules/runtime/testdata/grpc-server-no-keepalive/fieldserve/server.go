package fieldserve

import (
	"net"

	"google.golang.org/grpc"
	"google.golang.org/grpc/test/bufconn"
)

type node struct {
	grpcSrv *grpc.Server
	inmem   net.Listener
}

// Served on an in-memory listener here, and on TCP by run.go (which does not import grpc): reported.
func (n *node) init() {
	n.grpcSrv = grpc.NewServer() // want "without KeepaliveParams"
	n.inmem = bufconn.Listen(4096)
	go func() { _ = n.grpcSrv.Serve(n.inmem) }()
}
