package main

import "net/http"

func main() {
	http.Handle("/metrics", http.NotFoundHandler())
	_ = http.ListenAndServe(":9090", nil)
}
