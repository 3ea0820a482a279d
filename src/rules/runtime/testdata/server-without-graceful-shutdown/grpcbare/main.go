package main

import (
	"log"
	"net"

	"google.golang.org/grpc"
)

func main() {
	lis, err := net.Listen("tcp", ":9000")
	if err != nil {
		log.Fatal(err)
	}
	s := grpc.NewServer()
	log.Fatal(s.Serve(lis)) // want "s.Serve\\(\\) starts a gRPC server, but this main package never calls GracefulStop"
}
