package literal

import (
	"net/http"
	_ "net/http/pprof"
)

type App struct{ srv *http.Server }

func NoHandler() error {
	srv := &http.Server{Addr: ":6060"} // want "http.Server serves http.DefaultServeMux on \":6060\""
	return srv.ListenAndServe()
}

func NilHandler() error {
	srv := http.Server{Addr: ":6060", Handler: nil} // want "DefaultServeMux"
	return srv.ListenAndServe()
}

func DefaultHandler() error {
	return (&http.Server{Addr: ":6060", Handler: http.DefaultServeMux}).ListenAndServe() // want "DefaultServeMux"
}

func OwnMux() error {
	srv := &http.Server{Addr: ":6060", Handler: http.NewServeMux()}
	return srv.ListenAndServe()
}

func HandlerSetLater(h http.Handler) error {
	srv := &http.Server{Addr: ":6060"}
	srv.Handler = h
	return srv.ListenAndServe()
}

func Returned() *http.Server {
	return &http.Server{Addr: ":6060"}
}

func (a *App) Stored() {
	a.srv = &http.Server{Addr: ":6060"}
}

func LoopbackLiteral() error {
	srv := &http.Server{Addr: "localhost:6060"}
	return srv.ListenAndServe()
}
