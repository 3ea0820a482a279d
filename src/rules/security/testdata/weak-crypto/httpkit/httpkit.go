// Package httpkit is the project's helper around net/http: callers build their requests through it.
package httpkit

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// New builds a request with the given headers.
func New(method, uri string, body io.Reader, headers ...map[string]string) (*http.Request, error) {
	req, err := http.NewRequest(method, uri, body)
	if err == nil {
		for _, h := range headers {
			for k, v := range h {
				req.Header.Add(k, v)
			}
		}
	}
	return req, err
}

// Remember keeps a value in memory; it builds no request.
func Remember(key, value string) map[string]string {
	return map[string]string{key: value}
}

// Probe sends a fixed request: its parameter only picks the timeout, nothing of it goes into the request.
func Probe(uri string, verbose bool) (*http.Request, error) {
	if verbose == true {
		return nil, nil
	}
	return http.NewRequest(http.MethodGet, "http://localhost/healthz", nil)
}

// JSONBody serializes a request body.
func JSONBody(data any) io.Reader {
	if data == nil {
		return nil
	}
	b, err := json.Marshal(data)
	if err != nil {
		return nil
	}
	return bytes.NewReader(b)
}

// Placeholder returns a fixed body whatever it is given.
func Placeholder(data any) io.Reader {
	return strings.NewReader("{}")
}
