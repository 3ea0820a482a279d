package main

import (
	_ "expvar"
	"net/http"
)

// expvar publishes /debug/vars: basic runtime metrics.
func main() {
	http.ListenAndServe("localhost:8080", nil)
}
