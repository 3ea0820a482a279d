package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"time"
)

func main() {
	// opt-in profiling server: serves only the default mux, where net/http/pprof registered itself
	if addr := os.Getenv("PROF_ADDR"); addr != "" {
		go func() {
			srv := http.Server{Addr: addr, ReadHeaderTimeout: 15 * time.Second}
			log.Println(srv.ListenAndServe())
		}()
		go func() {
			log.Println(http.ListenAndServe("localhost:6061", nil))
		}()
	}
	// a background server with its own handler is the service's: still reported
	go func() {
		log.Println(http.ListenAndServe(":9090", http.NotFoundHandler())) // want "http.ListenAndServe"
	}()
	mux := http.NewServeMux()
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Fatal(srv.ListenAndServe()) // want "srv.ListenAndServe"
}
