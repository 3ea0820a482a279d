package main

import (
	"net/http"
	"time"
)

func second() error {
	srv := &http.Server{Addr: "0.0.0.0:8443", ReadHeaderTimeout: time.Second} // want "http.Server serves http.DefaultServeMux on \"0.0.0.0:8443\""
	return srv.ListenAndServeTLS("cert.pem", "key.pem")
}
