package main

import "net/http"

func main() {
	setupTracing()
	http.ListenAndServe(":8080", nil)
}
