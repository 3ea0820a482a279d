package servers

import (
	"net"
	"net/http"
	web "net/http"
	"time"
)

type App struct {
	srv *http.Server
}

func packageFuncs(l net.Listener, h http.Handler) {
	go http.ListenAndServe(":8080", h)                   // want "http.ListenAndServe serves with a default http.Server"
	_ = web.ListenAndServeTLS(":8443", "c.pem", "k.pem", h) // want "http.ListenAndServeTLS"
	_ = http.Serve(l, h)                                  // want "http.Serve serves"
}

func bare(h http.Handler) *http.Server {
	return &http.Server{Addr: ":80", Handler: h} // want "neither ReadHeaderTimeout nor ReadTimeout.*WriteTimeout and IdleTimeout are unset too"
}

func onlyWrite(h http.Handler) error {
	srv := web.Server{ // want "neither ReadHeaderTimeout nor ReadTimeout.*IdleTimeout is unset too"
		Handler:      h,
		WriteTimeout: time.Minute,
	}
	return srv.ListenAndServe()
}

func zero(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadTimeout: 0, WriteTimeout: time.Second, IdleTimeout: time.Second} // want "neither ReadHeaderTimeout"
}

func (a *App) field(h http.Handler) {
	a.srv = &http.Server{Handler: h} // want "neither ReadHeaderTimeout"
	a.srv.WriteTimeout = time.Second
}

func laterOnOtherVar(h http.Handler) {
	srv := &http.Server{Handler: h} // want "neither ReadHeaderTimeout"
	other := &http.Server{Handler: h, ReadHeaderTimeout: time.Second}
	other.ReadTimeout = time.Second
	_ = srv
}

// ---- negatives ----

func headerTimeout(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
}

func readTimeout(h http.Handler, d time.Duration) *http.Server {
	return &http.Server{Handler: h, ReadTimeout: d}
}

func setLater(h http.Handler) error {
	srv := &http.Server{Handler: h}
	srv.ReadHeaderTimeout = 10 * time.Second
	return srv.ListenAndServe()
}

func (a *App) fieldLater(h http.Handler) {
	a.srv = &http.Server{Handler: h}
	a.srv.ReadTimeout = time.Minute
}

func methodCalls(srv *http.Server, l net.Listener) {
	_ = srv.ListenAndServe()
	_ = srv.Serve(l)
}

// A local function named ListenAndServe is not net/http's.
func ListenAndServe(addr string) error { return nil }

func local() { _ = ListenAndServe(":1") }

func shadowed(h http.Handler) {
	http := struct{ ListenAndServe func(string, http.Handler) error }{}
	_ = http.ListenAndServe(":1", h)
}

// A local Server type.
type Server struct{ Addr string }

func localType() Server { return Server{Addr: ":1"} }

var global = &http.Server{ReadHeaderTimeout: time.Second}

// An empty literal used as a zero value / one-off (x/net/http2 style) is not a listening server.
func zeroValue(l net.Listener) {
	h1 := &http.Server{}
	_ = h1.Serve(l)
}

// ...but an empty literal configured afterwards is.
func configuredLater(h http.Handler) error {
	srv := &http.Server{} // want "neither ReadHeaderTimeout"
	srv.Addr = ":8080"
	srv.Handler = h
	return srv.ListenAndServe()
}
