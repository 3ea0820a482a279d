package socket

import (
	"net"
	"net/http"
)

// Server hosts an HTTP server on a unix domain socket.
type Server struct {
	path string
	svr  *http.Server
}

func NewServer(path string, h http.Handler) *Server {
	return &Server{path: path, svr: &http.Server{Handler: h}}
}

func (s *Server) Start() error {
	ln, err := net.Listen("unix", s.path)
	if err != nil {
		return err
	}
	go func() { _ = s.svr.Serve(ln) }()
	return nil
}
