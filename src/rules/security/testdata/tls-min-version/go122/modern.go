package modern

import (
	"crypto/tls"
	"net/http"
)

// go 1.22: servers default to TLS 1.2, a missing MinVersion is fine.
func httpServer(h http.Handler, certs []tls.Certificate) *http.Server {
	return &http.Server{Handler: h, TLSConfig: &tls.Config{Certificates: certs, ClientAuth: tls.RequireAnyClientCert}}
}

// An explicit weak version is still reported.
func weak() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS11} // want "MinVersion is TLS 1.1"
}
