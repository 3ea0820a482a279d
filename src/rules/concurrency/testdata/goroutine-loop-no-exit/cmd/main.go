package main

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	go func() {
		for {
			time.Sleep(time.Second)
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	run(ctx)
	start()
	http.HandleFunc("/jobs", func(w http.ResponseWriter, r *http.Request) {
		refresh(r.Context())
	})
	refresh(ctx)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP)
	for sig := range sigs {
		switch sig {
		case syscall.SIGHUP:
			reload(ctx)
		}
	}
}

// called once, from main: the goroutine lives as long as the process, like one main would start
func run(ctx context.Context) {
	go func() {
		for {
			time.Sleep(time.Second)
		}
	}()
}

// nothing could stop this worker: it lives as long as the process
func start() {
	go func() {
		for {
			time.Sleep(time.Second)
		}
	}()
}

// called from main and per request: each request starts another goroutine that its context never stops
func refresh(ctx context.Context) {
	go func() { // want "endless"
		for {
			time.Sleep(time.Second)
		}
	}()
}

// called on each SIGHUP: every reload starts another goroutine that ctx never stops
func reload(ctx context.Context) {
	go func() { // want "endless"
		for {
			time.Sleep(time.Minute)
		}
	}()
}
