package testutil

import "google.golang.org/grpc"

func Server() *grpc.Server {
	return grpc.NewServer()
}
