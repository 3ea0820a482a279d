package manifestlocal

import (
	"encoding/json"
	"flag"
	"net/http"
)

// All interfaces by default, but the shipped manifest (deploy/deploy.yaml) passes --metrics-addr 127.0.0.1:9100.
var addr = flag.String("metrics-addr", ":9100", "metrics and admin address")

func Run() error {
	mux := http.NewServeMux()
	mux.HandleFunc("/admin/level", setLevel)
	return http.ListenAndServe(*addr, mux)
}

func setLevel(w http.ResponseWriter, r *http.Request) {
	var v map[string]string
	_ = json.NewDecoder(r.Body).Decode(&v)
}
