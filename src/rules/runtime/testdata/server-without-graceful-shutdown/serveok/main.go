package main

import (
	"context"
	"net"
	"net/http"
)

func main() {
	l, _ := net.Listen("tcp", ":8080")
	srv := http.Server{Handler: http.NotFoundHandler()}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-ctx.Done()
		srv.Shutdown(context.Background())
	}()
	_ = srv.Serve(l)
}
