package main

import (
	"net"
	"net/http"
	_ "net/http/pprof"
)

func main() {
	ln, err := net.Listen("tcp", ":6060")
	if err != nil {
		return
	}
	go http.Serve(ln, nil) // want "http.Serve serves http.DefaultServeMux on \":6060\""

	lo, _ := net.Listen("tcp", "127.0.0.1:0")
	go http.Serve(lo, nil)

	sock, _ := net.Listen("unix", "/run/app/debug.sock")
	go http.Serve(sock, nil)

	other, _ := net.Listen("tcp", "127.0.0.1:8080")
	mux := http.NewServeMux()
	http.Serve(other, mux)
}
