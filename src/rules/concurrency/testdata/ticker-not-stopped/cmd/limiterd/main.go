package main

import (
	"net/http"

	"example.com/tickers/limiter"
)

func main() {
	l := limiter.New()
	_ = l
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		go limiter.PerRequest(func() {})
	})
	_ = http.ListenAndServe(":8080", nil)
}
