package capped

import (
	"bytes"
	"io"
	"net/http"
)

const maxBody = 4 << 20

// bufferBody makes a request body re-readable, keeping at most limit bytes.
func bufferBody(body io.ReadCloser, limit int64) io.ReadCloser {
	defer body.Close()
	var buf bytes.Buffer
	_, _ = io.Copy(&buf, io.LimitReader(body, limit))
	return io.NopCloser(bytes.NewReader(buf.Bytes()))
}

func Rereadable(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = bufferBody(r.Body, maxBody)
		next.ServeHTTP(w, r)
	})
}
