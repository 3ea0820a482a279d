package main

import (
	"context"
	"log"
	"net/http"

	"example.com/x/internal/feeds"
	"example.com/x/probe"
)

func main() {
	if err := probe.Reachable("https://example.com"); err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10e9)
	defer cancel()
	if _, err := probe.Discover(ctx, "https://example.com/.well-known/openid-configuration"); err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		_ = probe.Forward("https://example.com/upstream")
		_ = feeds.Latest(r.Context(), "https://example.com/feed")
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
