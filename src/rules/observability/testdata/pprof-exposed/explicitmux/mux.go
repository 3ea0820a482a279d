package explicitmux

import (
	"net/http"
	pp "net/http/pprof"
)

type handler struct{ mux *http.ServeMux }

func Public() {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pp.Index)
	mux.Handle("/debug/pprof/heap", pp.Handler("heap"))
	http.ListenAndServe(":6060", mux) // want "serves mux, which has pprof handlers registered, on non-loopback address \":6060\""
}

func PublicServer() {
	m := http.NewServeMux()
	m.Handle("/debug/pprof/profile", http.HandlerFunc(pp.Profile))
	srv := &http.Server{Addr: "0.0.0.0:6060", Handler: withLogging(m)} // want "http.Server serves m, which has pprof"
	srv.ListenAndServe()
}

func (h *handler) Field() {
	h.mux = http.NewServeMux()
	h.mux.HandleFunc("/debug/pprof/", pp.Index)
	http.ListenAndServe(":6060", h.mux) // want "serves h.mux"
}

func Loopback() {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pp.Index)
	http.ListenAndServe("localhost:6060", mux)
}

// A configurable debug address is a deliberate choice: not reported for explicit muxes.
func Configured(addr string) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pp.Index)
	http.ListenAndServe(addr, mux)
}

// The pprof mux and the public mux are different.
func Separate() {
	debug := http.NewServeMux()
	debug.HandleFunc("/debug/pprof/", pp.Index)
	go http.ListenAndServe("127.0.0.1:6060", debug)
	api := http.NewServeMux()
	api.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})
	http.ListenAndServe(":8080", api)
}

// Registered here, served elsewhere: not tracked.
func Build() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pp.Index)
	return mux
}

func withLogging(h http.Handler) http.Handler { return h }
