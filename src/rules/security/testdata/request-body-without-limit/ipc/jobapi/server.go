package jobapi

import (
	"encoding/json"
	"net/http"

	"example.com/ipc/socket"
)

// The per-job API is served only on the job's unix socket: its one client is the job running on this host.
func Start(path string) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/env", patchEnv)
	return socket.NewServer(path, mux).Start()
}

func patchEnv(w http.ResponseWriter, r *http.Request) {
	var env map[string]string
	if err := json.NewDecoder(r.Body).Decode(&env); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}
