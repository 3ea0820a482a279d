package main

import (
	"flag"
	"net/http"
	_ "net/http/pprof"
	"os"
)

var listen = flag.String("listen", ":8080", "listen address")

func main() {
	flag.Parse()
	http.HandleFunc("/api", func(w http.ResponseWriter, r *http.Request) {})
	if err := http.ListenAndServe(*listen, nil); err != nil { // want "address not known statically"
		os.Exit(1)
	}
}

func reassigned(debug bool) {
	addr := ":6060"
	if !debug {
		addr = "localhost:6060"
	}
	http.ListenAndServe(addr, nil) // want "address not known statically"
}

func viaFlagVar() {
	var addr = "localhost:6060"
	flag.StringVar(&addr, "pprof", addr, "pprof address")
	http.ListenAndServe(addr, nil) // want "not known statically"
}

func param(addr string) {
	http.ListenAndServe(addr, nil) // want "not known statically"
}
