package main

import (
	"net/http"

	"example.com/withmetrics/internal/obs"
)

func main() {
	mux := http.NewServeMux()
	obs.Register(mux)
	http.ListenAndServe(":8080", mux)
}
