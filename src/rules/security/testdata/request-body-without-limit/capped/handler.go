package capped

import (
	"io"
	"net/http"
)

// The body was buffered with a cap by the Rereadable middleware.
func PutManifest(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	_, _ = w.Write(b)
}
