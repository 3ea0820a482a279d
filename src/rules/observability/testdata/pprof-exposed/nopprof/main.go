package main

import "net/http"

// no net/http/pprof import anywhere in this package: the default mux carries no profiling handlers
func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})
	http.ListenAndServe(":8080", nil)
}
