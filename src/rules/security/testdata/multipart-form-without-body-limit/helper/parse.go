package helper

import (
	"io"
	"net/http"
)

const maxMemory = 8 << 20

// every caller caps the body before calling: covered
func parseUpload(owner string, r *http.Request) error {
	return r.ParseMultipartForm(maxMemory)
}

// a method helper, every caller caps the body: covered
func (s *server) readForm(r *http.Request) (io.Reader, error) {
	f, _, err := r.FormFile("file")
	return f, err
}

// one caller caps, another does not: the uncapped one reaches it
func parseLoose(r *http.Request) error {
	return r.ParseMultipartForm(maxMemory) // want "r.ParseMultipartForm reads the whole multipart body"
}

// its value escapes (registered as a handler elsewhere): callers not seen
func parseEscaping(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseMultipartForm(maxMemory) // want "r.ParseMultipartForm reads the whole multipart body"
}

// the capped request is passed, but not as the parsed one
func parseOther(a, b *http.Request) error {
	return b.ParseMultipartForm(maxMemory) // want "b.ParseMultipartForm reads the whole multipart body"
}

// one parse, then the form's values and files: one finding, at the parse
func Import(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(maxMemory); err != nil { // want "r.ParseMultipartForm reads the whole multipart body"
		return
	}
	_ = r.FormValue("name")
	f, _, err := r.FormFile("file")
	if err != nil {
		return
	}
	io.Copy(io.Discard, f)
}

// FormFile first: it parses, a later FormFile reads nothing more
func Attach(w http.ResponseWriter, r *http.Request) {
	a, _, _ := r.FormFile("a") // want "r.FormFile reads the whole multipart body"
	b, _, _ := r.FormFile("b")
	io.Copy(io.Discard, io.MultiReader(a, b))
}
