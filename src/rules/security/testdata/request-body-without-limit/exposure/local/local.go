package local

import (
	"encoding/json"
	"flag"
	"net/http"
)

// The status API listens on loopback by default: only processes on the host reach it.
var addr = flag.String("status-addr", "127.0.0.1:8081", "status API address")

func Run() error {
	mux := http.NewServeMux()
	mux.HandleFunc("/report", report)
	return http.ListenAndServe(*addr, mux)
}

func report(w http.ResponseWriter, r *http.Request) {
	var v map[string]string
	_ = json.NewDecoder(r.Body).Decode(&v)
}

// A literal localhost address, the route registered inline.
func RunConst() error {
	const listen = "localhost:8090"
	mux := http.NewServeMux()
	mux.HandleFunc("/inline", func(w http.ResponseWriter, r *http.Request) {
		var v []string
		_ = json.NewDecoder(r.Body).Decode(&v)
	})
	srv := &http.Server{Addr: listen, Handler: mux}
	return srv.ListenAndServe()
}
