package main

import (
	"context"
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
}

// the goroutine outlives the ctx run was given
func run(ctx context.Context) {
	go func() { // want "endless"
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
