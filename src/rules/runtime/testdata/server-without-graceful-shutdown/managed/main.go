package main

import (
	"log"
	"net/http"
)

var srv = &http.Server{Addr: ":8080"}

func main() {
	go func() {
		if err := srv.ListenAndServe(); err != http.ErrServerClosed {
			log.Fatal(err)
		}
	}()
	waitAndShutdown()
}
