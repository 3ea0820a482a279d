package main

import (
	nethttp "net/http"
	_ "net/http/pprof"
)

type server struct{}

func (server) ListenAndServe(addr string, h nethttp.Handler) error { return nil }

func main() {
	nethttp.ListenAndServe(":6060", nil) // want "DefaultServeMux"
	shadow()
}

func shadow() {
	nethttp := server{}
	nethttp.ListenAndServe(":6060", nil)
}
