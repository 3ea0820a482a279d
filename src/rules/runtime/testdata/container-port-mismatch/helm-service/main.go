package main

import (
	"flag"
	"net/http"
)

var metricsPort = flag.Int("metrics-port", 9090, "metrics port")

func main() {
	flag.Parse()
	go http.ListenAndServe(":8080", nil)
	_ = http.ListenAndServe("0.0.0.0:8081", nil)
}
