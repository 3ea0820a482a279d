package mtls

import (
	"crypto/tls"
	"encoding/json"
	"net/http"
)

// Only clients holding a certificate the configured CA signed can open a connection.
func RunVerified(cfg *tls.Config) error {
	tlsConfig := &tls.Config{ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: cfg.ClientCAs}
	mux := http.NewServeMux()
	mux.HandleFunc("/backup", backup)
	srv := &http.Server{Addr: ":8443", Handler: mux, TLSConfig: tlsConfig}
	return srv.ListenAndServeTLS("", "")
}

func backup(w http.ResponseWriter, r *http.Request) {
	var v map[string]string
	_ = json.NewDecoder(r.Body).Decode(&v)
}

// A client certificate is asked for but not verified: anyone can connect.
func RunRequested() error {
	mux := http.NewServeMux()
	mux.HandleFunc("/restore", restore)
	srv := &http.Server{Addr: ":8444", Handler: mux, TLSConfig: &tls.Config{ClientAuth: tls.RequestClientCert}}
	return srv.ListenAndServeTLS("cert.pem", "key.pem")
}

func restore(w http.ResponseWriter, r *http.Request) {
	var v map[string]string
	_ = json.NewDecoder(r.Body).Decode(&v) // want "json.NewDecoder reads r.Body with no size limit"
}
