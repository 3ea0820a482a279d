package main

import (
	"net/http"
)

func main() {
	go http.ListenAndServe(":9090", nil) // want "http.ListenAndServe starts an HTTP server"
	api := &http.Server{Addr: ":8080"}
	api.ListenAndServe() // want "api.ListenAndServe\\(\\) starts an HTTP server"
}
