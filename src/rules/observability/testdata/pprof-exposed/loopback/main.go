package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"strconv"
)

const debugAddr = "localhost:6060"

func main() {
	port := 6060
	go http.ListenAndServe("localhost:6060", nil)
	go http.ListenAndServe("127.0.0.1:6060", nil)
	go http.ListenAndServe("[::1]:6060", nil)
	go http.ListenAndServe(debugAddr, nil)
	go http.ListenAndServe("localhost:"+strconv.Itoa(port), nil)
	go http.ListenAndServe(fmt.Sprintf("127.0.0.1:%d", port), nil)
	go http.ListenAndServe(net.JoinHostPort("localhost", strconv.Itoa(port)), nil)
	local := "127.0.0.1:6061"
	go http.ListenAndServe(local, nil)

	// the public server uses its own mux: pprof is not on it
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})
	http.ListenAndServe(":8080", mux)
}
