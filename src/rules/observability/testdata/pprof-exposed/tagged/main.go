package main

import "net/http"

func main() {
	http.ListenAndServe(":8080", nil) // want "build tag debug"
}
