package main

import (
	"log"
	"net/http"

	"example.com/x/probe"
)

func main() {
	if err := probe.Reachable("https://example.com"); err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		_ = probe.Forward("https://example.com/upstream")
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
