package main

import (
	"expvar"
	"net/http"
)

var requests = expvar.NewInt("requests")

// expvar is imported, but the public server has its own mux: /debug/vars is not on it
func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { requests.Add(1) })
	http.ListenAndServe(":8080", mux)
}
