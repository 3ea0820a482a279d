package bindflag

import (
	"encoding/json"
	"flag"
	"net"
	"net/http"
)

type Options struct {
	BindAddress string
	Port        string
}

func (o *Options) AddFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.BindAddress, "bind-address", "127.0.0.1", "address the webhook binds to")
	fs.StringVar(&o.Port, "port", "8085", "port")
}

func routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/authenticate", authenticate)
	return mux
}

func Serve(o *Options) error {
	return http.ListenAndServe(net.JoinHostPort(o.BindAddress, o.Port), routes())
}

func authenticate(w http.ResponseWriter, r *http.Request) {
	var v map[string]string
	_ = json.NewDecoder(r.Body).Decode(&v)
}
