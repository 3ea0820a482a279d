package muxes

import (
	"expvar"
	"net/http"
	"net/http/pprof"

	"github.com/felixge/fgprof"
	"k8s.io/component-base/configz"
)

func Vars() {
	mux := http.NewServeMux()
	mux.Handle("/debug/vars", expvar.Handler())
	http.ListenAndServe(":9090", mux) // want "serves mux, which carries /debug/vars"
}

func Config() {
	mux := http.NewServeMux()
	configz.InstallHandler(mux)
	srv := &http.Server{Addr: "0.0.0.0:10250", Handler: mux} // want "http.Server serves mux, which carries /configz"
	srv.ListenAndServe()
}

func Profiles() {
	m := http.NewServeMux()
	m.Handle("/debug/fgprof", fgprof.Handler())
	http.ListenAndServe(":6061", m) // want "which carries /debug/fgprof"
}

// ---- negatives ----

// a configurable admin address is a deliberate choice
func Admin(addr string) {
	mux := http.NewServeMux()
	mux.Handle("/debug/vars", expvar.Handler())
	http.ListenAndServe(addr, mux)
}

func Local() {
	mux := http.NewServeMux()
	mux.Handle("/debug/vars", expvar.Handler())
	http.ListenAndServe("localhost:9090", mux)
}

// pprof on the same mux: OBS1001's finding
func Both() {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.Handle("/debug/vars", expvar.Handler())
	http.ListenAndServe(":9090", mux)
}

// the debug mux and the public mux are different
func Separate() {
	debug := http.NewServeMux()
	debug.Handle("/debug/vars", expvar.Handler())
	go http.ListenAndServe("127.0.0.1:9090", debug)
	api := http.NewServeMux()
	http.ListenAndServe(":8080", api)
}
