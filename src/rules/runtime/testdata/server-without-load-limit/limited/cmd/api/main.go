package main

import (
	"database/sql"
	"net/http"

	"golang.org/x/time/rate"
)

var db *sql.DB

var limiter = rate.NewLimiter(100, 10)

// A rate limiter in the module: the handlers are covered.
func report(w http.ResponseWriter, r *http.Request) {
	if !limiter.Allow() {
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	}
	rows, err := db.QueryContext(r.Context(), "SELECT 1")
	if err == nil {
		rows.Close()
	}
}

func main() {
	http.HandleFunc("/report", report)
	_ = http.ListenAndServe(":8080", nil)
}
