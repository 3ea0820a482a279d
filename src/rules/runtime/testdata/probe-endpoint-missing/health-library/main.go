package main

import (
	"net/http"

	"k8s.io/apiserver/pkg/server/healthz"
)

func main() {
	mux := http.NewServeMux()
	healthz.InstallHandler(mux)
	mux.Handle("/metrics", nil)
}
