package main

import (
	"crypto/tls"
	"net/http"
)

type fakeServer struct{}

func (fakeServer) Serve(x int) error { return nil }

func main() {
	srv := &http.Server{Addr: ":8443", TLSConfig: &tls.Config{}}
	srv.ListenAndServeTLS("cert.pem", "key.pem") // want "srv.ListenAndServeTLS\\(\\) starts an HTTP server"
	var f fakeServer
	f.Serve(1)
	var w stopper
	w.Stop()
}

type stopper struct{}

func (stopper) Stop() {}
