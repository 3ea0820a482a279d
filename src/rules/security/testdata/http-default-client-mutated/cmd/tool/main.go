package main

import (
	"net/http"
	"time"
)

// The program owns the process: a process-wide client setting in main is its decision.
func main() {
	http.DefaultClient.Timeout = time.Minute
}
