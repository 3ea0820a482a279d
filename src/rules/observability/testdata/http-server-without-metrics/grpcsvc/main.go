package main

import (
	"net"

	"google.golang.org/grpc"
)

func main() {
	lis, _ := net.Listen("tcp", ":9000")
	s := grpc.NewServer()
	s.Serve(lis) // want "starts a gRPC server"
}
