package main

import "net/http"

func main() {
	go handleSignals()
	http.ListenAndServe(":8080", nil)
}
