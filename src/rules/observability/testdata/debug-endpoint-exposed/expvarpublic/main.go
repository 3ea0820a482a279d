package main

import (
	_ "expvar"
	"net/http"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})
	http.ListenAndServe(":8080", nil) // want "serves http.DefaultServeMux on \":8080\" \\(all interfaces\\), where expvarpublic/main.go:4 registered /debug/vars"
}
