package main

import (
	_ "expvar"
	"net/http"
	_ "net/http/pprof"
)

// OBS1001 pprof-exposed reports this server; no second finding here
func main() {
	http.ListenAndServe(":8080", nil)
}
