package api

import (
	"net/http"
	"net/http/pprof"

	"github.com/julienschmidt/httprouter"
)

type server struct{ mux *http.ServeMux }

func Router(orders, users http.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/v1/orders", orders)
	mux.Handle("/v1/users", users)
	mux.HandleFunc("/debug/pprof/", pprof.Index) // want "pprof is registered on mux, which also serves the application routes \\(/v1/orders, /v1/users\\)"
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	return mux
}

func (s *server) routes(h http.HandlerFunc) {
	s.mux.HandleFunc("/topics", h)
	s.mux.HandleFunc("/channels", h)
	s.mux.Handle("/debug/pprof/heap", pprof.Handler("heap")) // want "registered on s.mux"
}

func HTTPRouter(h httprouter.Handle) *httprouter.Router {
	router := httprouter.New()
	router.GET("/pub", h)
	router.POST("/mpub", h)
	router.HandlerFunc("GET", "/debug/pprof/", pprof.Index) // want "registered on router"
	return router
}

// ---- negatives ----

// only when a debug option is on
func Optional(orders, users http.Handler, debug bool) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/v1/orders", orders)
	mux.Handle("/v1/users", users)
	if debug {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
	}
	return mux
}

// a router of health and metrics endpoints only
func Ops(h http.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/metrics", h)
	mux.Handle("/healthz", h)
	mux.Handle("/readyz", h)
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	return mux
}

// pprof and the API on different routers
func Separate(orders, users http.Handler) (*http.ServeMux, *http.ServeMux) {
	api := http.NewServeMux()
	api.Handle("/v1/orders", orders)
	api.Handle("/v1/users", users)
	dbg := http.NewServeMux()
	dbg.HandleFunc("/debug/pprof/", pprof.Index)
	return api, dbg
}

// served in the same function: OBS1001 judges the address
func Serve(orders, users http.Handler) {
	mux := http.NewServeMux()
	mux.Handle("/v1/orders", orders)
	mux.Handle("/v1/users", users)
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	http.ListenAndServe("localhost:8080", mux)
}

func newAdminMux(h http.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/config", h)
	mux.Handle("/load", h)
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	return mux
}

// Probes under a versioned prefix plus a catch-all forwarder: an admin listener, not the API router.
func Probes(alive, ready, rest http.HandlerFunc) *http.ServeMux {
	sm := http.NewServeMux()
	sm.HandleFunc("/svc/v1/check_alive", alive)
	sm.HandleFunc("/svc/v1/check_ready", ready)
	sm.HandleFunc("/internal/healthz", ready)
	sm.HandleFunc("/debug/pprof/", pprof.Index)
	sm.HandleFunc("/", rest)
	return sm
}

// A probe next to two API routes keeps the router an application router.
func ProbesAndAPI(alive, orders, users http.HandlerFunc) *http.ServeMux {
	sm := http.NewServeMux()
	sm.HandleFunc("/svc/v1/check_alive", alive)
	sm.HandleFunc("/v1/orders/status", orders)
	sm.HandleFunc("/v1/users", users)
	sm.HandleFunc("/debug/pprof/", pprof.Index) // want "registered on sm, which also serves the application routes \\(/v1/orders/status, /v1/users\\)"
	return sm
}
