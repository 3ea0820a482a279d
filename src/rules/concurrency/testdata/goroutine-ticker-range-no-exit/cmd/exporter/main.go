// A long-running exporter: it serves metrics and starts a poller per target.
package main

import (
	"context"
	"log"
	"net/http"

	"example.com/tickers/internal/poller"
)

func main() {
	http.HandleFunc("/targets", func(w http.ResponseWriter, r *http.Request) {
		poller.Watch(r.Context(), r.URL.Query().Get("t"))
	})
	_ = context.Background()
	log.Fatal(http.ListenAndServe(":9100", nil))
}
