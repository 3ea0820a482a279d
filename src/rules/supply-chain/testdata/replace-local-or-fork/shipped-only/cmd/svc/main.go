package main

import (
	"net/http"

	"example.com/svc/metadata"
	"github.com/upstream/mux"
)

func main() {
	r := mux.NewRouter()
	r.HandleFunc("/", metadata.Handler)
	_ = http.ListenAndServe(":8080", r)
}
