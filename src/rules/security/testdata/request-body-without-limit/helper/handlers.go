package helper

import (
	"io"
	"net/http"
)

// bodies are capped by the project's middleware in limits.go
func Upload(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	w.Write(b)
}
