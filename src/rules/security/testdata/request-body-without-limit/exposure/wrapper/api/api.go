package api

import (
	"encoding/json"
	"net/http"

	"example.com/exposure/wrapper/listener"
)

type service struct{}

func (s *service) publish(w http.ResponseWriter, r *http.Request) {
	var v map[string]string
	_ = json.NewDecoder(r.Body).Decode(&v)
}

func Start() error {
	s := &service{}
	l := listener.New()
	l.AddHandler("/publish", s.publish)
	return l.Start()
}
