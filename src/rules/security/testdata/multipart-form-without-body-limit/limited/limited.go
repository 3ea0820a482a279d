package limited

import "net/http"

const maxUpload = 50 << 20

// the body is capped before parsing
func Upload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	if err := r.ParseMultipartForm(32 << 20); err != nil {
		http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
	}
}

// helper in the same file as the limiting handler
func parse(r *http.Request) error {
	return r.ParseMultipartForm(1 << 20)
}
