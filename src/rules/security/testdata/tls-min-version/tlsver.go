package tlsver

import (
	"crypto/tls"
	t "crypto/tls"
	"net"
	"net/http"
)

func weakMin() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS10} // want "MinVersion is TLS 1.0"
}

func weakMinAlias() t.Config {
	return t.Config{
		MinVersion: t.VersionTLS11, // want "MinVersion is TLS 1.1"
		MaxVersion: t.VersionTLS13,
	}
}

func weakMinNumeric() *tls.Config {
	return &tls.Config{MinVersion: 0x0300} // want "MinVersion is SSL 3.0"
}

func weakMax() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, MaxVersion: tls.VersionTLS11} // want "MaxVersion is TLS 1.1"
}

func assignedWeak(cfg *tls.Config) {
	cfg.MinVersion = tls.VersionTLS10 // want "cfg.MinVersion = TLS 1.0"
}

func assignedMax(cfg *tls.Config) {
	cfg.MaxVersion = tls.VersionSSL30 // want "caps connections at SSL 3.0"
}

func serverFields(pool interface{}) *tls.Config {
	return &tls.Config{ // want "server tls.Config without MinVersion"
		ClientAuth: tls.RequireAndVerifyClientCert,
	}
}

func httpServer(h http.Handler, certs []tls.Certificate) *http.Server {
	return &http.Server{
		Handler:   h,
		TLSConfig: &tls.Config{Certificates: certs}, // want "server tls.Config without MinVersion"
	}
}

func listener(inner net.Listener, certs []tls.Certificate) net.Listener {
	cfg := &tls.Config{Certificates: certs} // want "server tls.Config without MinVersion"
	return tls.NewListener(inner, cfg)
}

func listen(certs []tls.Certificate) (net.Listener, error) {
	return tls.Listen("tcp", ":443", &tls.Config{Certificates: certs}) // want "without MinVersion"
}

func assignedToServer(srv *http.Server, certs []tls.Certificate) {
	cfg := &tls.Config{Certificates: certs} // want "without MinVersion"
	srv.TLSConfig = cfg
}

// ---- negatives ----

func strong(certs []tls.Certificate) *tls.Config {
	return &tls.Config{Certificates: certs, MinVersion: tls.VersionTLS12, ClientAuth: tls.VerifyClientCertIfGiven}
}

func tls13() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS13}
}

func fromConfig(v uint16) *tls.Config {
	return &tls.Config{MinVersion: v}
}

// Client configs default to TLS 1.2 since Go 1.18.
func client(certs []tls.Certificate) *tls.Config {
	return &tls.Config{Certificates: certs, ServerName: "db"}
}

func clientTransport() *http.Transport {
	return &http.Transport{TLSClientConfig: &tls.Config{ServerName: "api"}}
}

func minSetLater(inner net.Listener, certs []tls.Certificate) net.Listener {
	cfg := &tls.Config{Certificates: certs}
	cfg.MinVersion = tls.VersionTLS12
	return tls.NewListener(inner, cfg)
}

// Parsing a version name from configuration: an explicit operator choice.
func parse(name string, cfg *tls.Config) {
	switch name {
	case "TLS10":
		cfg.MinVersion = tls.VersionTLS10
	case "TLS11":
		cfg.MinVersion = tls.VersionTLS11
	}
	if name == "legacy" {
		cfg.MinVersion = tls.VersionTLS10
	}
}

var versions = map[string]uint16{
	"TLS10": tls.VersionTLS10,
	"TLS11": tls.VersionTLS11,
}

func strongAssign(cfg *tls.Config) {
	cfg.MinVersion = tls.VersionTLS12
}

// A local type with the same name is not crypto/tls.
type Config struct{ MinVersion uint16 }

func local() Config { return Config{MinVersion: 0x0301} }
