package adminapi

import (
	"encoding/json"
	"net/http"

	"example.com/ipc/socket"
)

// Served on a unix socket, but also mounted on the network server of cmd/agent: still reported.
func Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/config", setConfig)
	return mux
}

func StartLocal(path string) error { return socket.NewServer(path, Handler()).Start() }

func setConfig(w http.ResponseWriter, r *http.Request) {
	var cfg map[string]string
	if err := json.NewDecoder(r.Body).Decode(&cfg); err != nil { // want "json.NewDecoder reads r.Body with no size limit"
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}
