package handlers

import (
	"compress/gzip"
	"database/sql"
	"io"
	"net/http"
	"os/exec"
)

var db *sql.DB

// Cheap: no expensive work of its own.
func Health(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
}

func Report(w http.ResponseWriter, r *http.Request) { // want "3 HTTP handler\\(s\\) in this service calls out over HTTP, decompresses, queries a database or runs commands \\(first: Report\\), and nothing in the module limits concurrency"
	rows, err := db.QueryContext(r.Context(), "SELECT 1")
	if err != nil {
		return
	}
	defer rows.Close()
}

func Convert(w http.ResponseWriter, r *http.Request) {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		return
	}
	_ = exec.CommandContext(r.Context(), "convert", "-").Run()
	_, _ = io.Copy(w, zr)
}

type api struct{ client *http.Client }

func (a *api) proxy(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://backend/", nil)
	resp, err := a.client.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}

// A middleware only wraps the body: the decompression happens in the next handler's reads.
func gunzip(w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {
	zr, err := gzip.NewReader(r.Body)
	if err == nil {
		r.Body = zr
	}
	next(w, r)
}

// A bounded form of a few fields is not an upload.
func login(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseMultipartForm(1 << 20)
}

// A closure inside a function that wraps the next handler is a middleware too.
func decodeRequest(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if zr, err := gzip.NewReader(r.Body); err == nil {
			r.Body = zr
		}
		h.ServeHTTP(w, r)
	})
}
