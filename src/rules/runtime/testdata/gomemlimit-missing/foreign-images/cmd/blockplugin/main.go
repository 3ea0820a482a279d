package main

import "net/http"

func main() {
	_ = http.ListenAndServe(":9808", nil)
}
