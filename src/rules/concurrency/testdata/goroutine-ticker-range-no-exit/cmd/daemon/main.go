package main

import (
	"context"
	"log"
	"time"
)

func main() {
	go func() {
		t := time.NewTicker(time.Minute)
		for range t.C {
			log.Println("alive")
		}
	}()
	run(context.Background())
}

func run(ctx context.Context) {
	go heartbeat() // want "goroutine heartbeat ranges over t.C \(line 26\) with no return or break while ctx is in scope"
	<-ctx.Done()
}

func heartbeat() {
	t := time.NewTicker(10 * time.Second)
	for range t.C {
		log.Println("beat")
	}
}
