// A long-running server: every timed-out request leaks one goroutine.
package main

import (
	"log"
	"net/http"

	"example.com/sendblock/internal/serve"
	"example.com/sendblock/internal/shared"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		v, _ := serve.Lookup(r.Context(), shared.Name)
		_, _ = w.Write([]byte(v))
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
