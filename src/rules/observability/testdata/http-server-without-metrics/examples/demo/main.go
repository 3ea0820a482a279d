package main

import "net/http"

// Examples are not deployed services.
func main() {
	http.ListenAndServe(":8080", nil)
}
