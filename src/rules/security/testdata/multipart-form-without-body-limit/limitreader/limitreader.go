package limitreader

import (
	"io"
	"net/http"
)

// the request body itself is capped with io.LimitReader before parsing
func Upload(w http.ResponseWriter, r *http.Request) {
	r.Body = io.NopCloser(io.LimitReader(r.Body, 50<<20))
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}
