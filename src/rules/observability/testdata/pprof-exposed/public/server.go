package main

import (
	"fmt"
	"net"
	"net/http"
)

const publicAddr = "0.0.0.0:6060"

func serve() error {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})
	go http.ListenAndServe(":6060", nil)                                 // want "serves http.DefaultServeMux on \":6060\" \\(all interfaces\\) while net/http/pprof is imported \\(public/main.go:5\\)"
	go http.ListenAndServe(publicAddr, nil)                              // want "on \"0.0.0.0:6060\""
	go http.ListenAndServe(fmt.Sprintf(":%d", 6061), nil)                // want "on \":\"…"
	go http.ListenAndServe(net.JoinHostPort("", "6062"), nil)           // want "DefaultServeMux"
	go http.ListenAndServe("10.0.0.5:6063", http.DefaultServeMux)        // want "DefaultServeMux on \"10.0.0.5:6063\""
	go http.ListenAndServeTLS(":8443", "cert.pem", "key.pem", nil)       // want "http.ListenAndServeTLS serves"
	return http.ListenAndServe("", nil)                                  // want "on \"\""
}
