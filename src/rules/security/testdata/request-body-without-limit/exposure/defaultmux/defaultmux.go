package defaultmux

import (
	"encoding/json"
	"net/http"
)

// Registered on http.DefaultServeMux, served here on loopback, but another package of the module serves the
// default mux on all interfaces.
func Run() error {
	http.HandleFunc("/hook", hook)
	return http.ListenAndServe("127.0.0.1:6061", nil)
}

func hook(w http.ResponseWriter, r *http.Request) {
	var v map[string]string
	_ = json.NewDecoder(r.Body).Decode(&v) // want "json.NewDecoder reads r.Body with no size limit"
}
