package main

import (
	_ "expvar"
	"net/http"
)

// debug endpoints on loopback, the application on its own mux
func main() {
	go http.ListenAndServe("127.0.0.1:6060", nil)
	api := http.NewServeMux()
	api.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})
	http.ListenAndServe(":8080", api)
}
