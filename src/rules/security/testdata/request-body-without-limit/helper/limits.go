package helper

import (
	"io"
	"net/http"
)

type limitedBody struct {
	io.Reader
	io.Closer
}

func newLimitReadCloser(rc io.ReadCloser, n int64) io.ReadCloser {
	return limitedBody{io.LimitReader(rc, n), rc}
}

func Limit(next http.Handler, n int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = newLimitReadCloser(r.Body, n)
		next.ServeHTTP(w, r)
	})
}
