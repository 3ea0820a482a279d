package main

import (
	"net/http"

	"example.com/multi/shared/server"
)

// Metrics come from a sibling module of the repository that this binary imports.
func main() {
	http.ListenAndServe(":8080", server.Handler())
}
