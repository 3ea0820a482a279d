package main

import (
	"net/http"
)

const livezPath = "/livez"

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {})
	mux.Handle("/debug/", http.DefaultServeMux)
	mux.HandleFunc(livezPath, func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("/api/{name}/status", func(w http.ResponseWriter, r *http.Request) {})
	_ = http.ListenAndServe(":8080", mux)
}
