package servehttp

import (
	"encoding/json"
	"net"
	"net/http"
)

type uploadHandler struct{}

func (uploadHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var v map[string]string
	_ = json.NewDecoder(r.Body).Decode(&v)
}

// Served on a listener bound to the loopback interface.
func Run() error {
	ln, err := net.Listen("tcp", "[::1]:7100")
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/upload", &uploadHandler{})
	srv := &http.Server{Handler: mux}
	return srv.Serve(ln)
}
