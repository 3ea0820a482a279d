package mockserver

import "google.golang.org/grpc"

// a mock server for client tests: not a production server
func Start() *grpc.Server {
	return grpc.NewServer()
}
