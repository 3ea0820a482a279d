package main

import (
	"net/http"

	"example.com/svc/internal/handlers"
)

func main() {
	http.HandleFunc("/report", handlers.Report)
	http.HandleFunc("/convert", handlers.Convert)
	_ = http.ListenAndServe(":8080", nil)
}
