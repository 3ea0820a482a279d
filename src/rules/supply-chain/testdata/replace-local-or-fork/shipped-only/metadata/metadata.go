package metadata

import "net/http"

// Handler serves the instance metadata.
func Handler(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) }
