package inproc

import (
	"net"
	"net/http"
	"strings"

	"google.golang.org/grpc"
)

// Served only through ServeHTTP inside net/http: the connections belong to the http.Server, where the gRPC
// keepalive options do not apply. Not reported.
type router struct {
	rpc *grpc.Server
}

func (r *router) handler(next http.Handler) http.Handler {
	if r.rpc == nil {
		r.rpc = grpc.NewServer(grpc.MaxRecvMsgSize(1 << 20))
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.ProtoMajor == 2 && strings.HasPrefix(req.Header.Get("Content-Type"), "application/grpc") {
			r.rpc.ServeHTTP(w, req)
			return
		}
		next.ServeHTTP(w, req)
	})
}

func (r *router) shutdown() {
	if r.rpc != nil {
		r.rpc.Stop()
		r.rpc = nil
	}
}

// A local server handed to net/http by its ServeHTTP: not reported.
func mux() *http.ServeMux {
	s := grpc.NewServer()
	m := http.NewServeMux()
	m.HandleFunc("/rpc/", s.ServeHTTP)
	return m
}

// ServeHTTP and a TCP listener: reported.
func both(addr string) (http.Handler, error) {
	s := grpc.NewServer() // want "without KeepaliveParams"
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	go func() { _ = s.Serve(l) }()
	return http.HandlerFunc(s.ServeHTTP), nil
}
