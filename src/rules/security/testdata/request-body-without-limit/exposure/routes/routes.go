package routes

import (
	"encoding/json"
	"net/http"
)

// The router lives in a field; the server built elsewhere serves it on localhost.
type Server struct {
	router *http.ServeMux
}

func New() *Server {
	s := &Server{router: http.NewServeMux()}
	s.router.HandleFunc("/jobs", s.createJob)
	return s
}

func (s *Server) Run() error {
	srv := &http.Server{Addr: "localhost:9000", Handler: s.router}
	return srv.ListenAndServe()
}

func (s *Server) createJob(w http.ResponseWriter, r *http.Request) {
	var v map[string]string
	_ = json.NewDecoder(r.Body).Decode(&v)
}
