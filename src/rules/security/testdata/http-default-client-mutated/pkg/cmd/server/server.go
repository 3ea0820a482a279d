package server

import (
	"crypto/x509"
	"net/http"
)

// Run is the start-up of the server binary (its main package calls it): every client of the process must trust
// the configured CA, so the default transport is replaced on purpose.
func Run(pool *x509.CertPool) error {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig.RootCAs = pool
	http.DefaultTransport = t
	return nil
}
