package overridden

import (
	"encoding/json"
	"flag"
	"net/http"
)

// Loopback by default, but the shipped manifest (deploy/deploy.yaml) passes --api-addr=0.0.0.0:8084.
var addr = flag.String("api-addr", "127.0.0.1:8084", "API address")

func Run() error {
	mux := http.NewServeMux()
	mux.HandleFunc("/items", create)
	return http.ListenAndServe(*addr, mux)
}

func create(w http.ResponseWriter, r *http.Request) {
	var v map[string]string
	_ = json.NewDecoder(r.Body).Decode(&v) // want "json.NewDecoder reads r.Body with no size limit"
}
