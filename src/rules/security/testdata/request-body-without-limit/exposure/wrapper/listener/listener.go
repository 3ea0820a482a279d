package listener

import (
	"net"
	"net/http"
)

// A project's listener type: handlers are added through AddHandler, the server listens on the loopback interface.
type Listener struct {
	mux *http.ServeMux
}

func New() *Listener {
	return &Listener{mux: http.NewServeMux()}
}

func (l *Listener) AddHandler(path string, handler http.HandlerFunc) {
	l.mux.HandleFunc(path, handler)
}

func (l *Listener) Start() error {
	ln, err := net.Listen("tcp", "127.0.0.1:10091")
	if err != nil {
		return err
	}
	server := http.Server{Handler: l.mux}
	return server.Serve(ln)
}
