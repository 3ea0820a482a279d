package helper

import "net/http"

const maxUpload = 64 << 20

type server struct{ limit int64 }

func UploadFiles(w http.ResponseWriter, r *http.Request) {
	if maxUpload > 0 {
		r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	}
	if err := parseUpload("user", r); err != nil {
		http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
	}
}

func UploadShare(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	_ = parseUpload("share", r)
	_ = parseLoose(r)
}

func (s *server) Avatar(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.limit)
	_, _ = s.readForm(r)
}

func Other(w http.ResponseWriter, r, second *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	_ = parseOther(r, second)
}

func Routes(mux *http.ServeMux) {
	mux.HandleFunc("/x", parseEscaping)
	mux.HandleFunc("/loose", func(w http.ResponseWriter, r *http.Request) {
		_ = parseLoose(r)
	})
}
