package main

import (
	"net"
	"net/http"

	"google.golang.org/grpc"
)

var gs = grpc.NewServer()

func main() {
	go http.ListenAndServe(":9090", nil) // metrics side server: dies with the process, fine
	lis, _ := net.Listen("tcp", ":9000")
	go stopOnDone()
	_ = gs.Serve(lis)
}
