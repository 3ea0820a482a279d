package mixed

import (
	"encoding/json"
	"net/http"
)

// The same router is served on loopback and on all interfaces.
func Run() error {
	mux := http.NewServeMux()
	mux.HandleFunc("/tasks", addTask)
	go http.ListenAndServe("127.0.0.1:7000", mux)
	return http.ListenAndServe(":7001", mux)
}

func addTask(w http.ResponseWriter, r *http.Request) {
	var v map[string]string
	_ = json.NewDecoder(r.Body).Decode(&v) // want "json.NewDecoder reads r.Body with no size limit"
}

// Registered on a router that is handed to code outside the module: not known where it is served.
func Register(mux *http.ServeMux) {
	mux.HandleFunc("/notes", addNote)
}

func addNote(w http.ResponseWriter, r *http.Request) {
	var v map[string]string
	_ = json.NewDecoder(r.Body).Decode(&v) // want "json.NewDecoder reads r.Body with no size limit"
}
