package main

import (
	"flag"
	"net/http"

	"github.com/felixge/fgprof"
)

func main() {
	addr := flag.String("listen", ":8080", "listen address")
	flag.Parse()
	http.Handle("/debug/fgprof", fgprof.Handler())
	http.ListenAndServe(*addr, nil) // want "address not known statically\\), where flagaddr/main.go:13 registered /debug/fgprof"
}
