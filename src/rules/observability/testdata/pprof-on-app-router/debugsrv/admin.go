package debugsrv

import (
	"net/http"
	"net/http/pprof"
)

// a dedicated admin server file: pprof belongs here
func Routes(h http.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/config", h)
	mux.Handle("/load", h)
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	return mux
}
