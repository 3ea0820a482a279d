package main

import (
	"net"

	"google.golang.org/grpc"
)

var srv = grpc.NewServer()

func main() {
	lis, _ := net.Listen("tcp", ":9000")
	go stopLater()
	_ = srv.Serve(lis)
}
