package main

import (
	"context"
	"time"
)

func main() {
	for range time.Tick(time.Second) {
	}
}

func helper(ctx context.Context) {
	tick := time.Tick(time.Second) // package main: process-lifetime by convention
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
		}
	}
}

func perIteration(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.Tick(time.Second): // want "inside a loop"
		}
	}
}
