package main

import "net/http"

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})
	go admin()
	http.ListenAndServe(":8080", mux) // want "main package starts an HTTP server but module example.com/x imports no metrics library"
}
