package transport

import (
	"crypto/x509"
	"net/http"
)

// The same replacement in a library imposes it on every program importing the package.
func TrustPool(pool *x509.CertPool) {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig.RootCAs = pool
	http.DefaultTransport = t // want "http.DefaultTransport is replaced"
}
