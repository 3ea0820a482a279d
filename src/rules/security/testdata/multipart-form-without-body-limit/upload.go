package upload

import (
	"io"
	nethttp "net/http"
)

func Upload(w nethttp.ResponseWriter, r *nethttp.Request) {
	if err := r.ParseMultipartForm(32 << 20); err != nil { // want "r.ParseMultipartForm reads the whole multipart body"
		nethttp.Error(w, err.Error(), nethttp.StatusBadRequest)
		return
	}
	w.WriteHeader(nethttp.StatusNoContent)
}

func Avatar(w nethttp.ResponseWriter, req *nethttp.Request) {
	f, _, err := req.FormFile("avatar") // want "req.FormFile reads the whole multipart body"
	if err != nil {
		return
	}
	defer f.Close()
	io.Copy(io.Discard, f)
}

// helper called from a handler: the body is still unbounded
func parse(req *nethttp.Request) error {
	return req.ParseMultipartForm(1 << 20) // want "req.ParseMultipartForm"
}

// ---- negatives ----

// url-encoded forms are capped at 10 MB by net/http
func Search(w nethttp.ResponseWriter, r *nethttp.Request) {
	_ = r.ParseForm()
	_ = r.FormValue("q")
	_ = r.PostFormValue("q")
}

// FormFile on something that is not an *http.Request (a framework context with its own limits)
type uploadCtx struct{}

func (uploadCtx) FormFile(name string) (io.Reader, error) { return nil, nil }

func framework(c uploadCtx) {
	_, _ = c.FormFile("file")
}
