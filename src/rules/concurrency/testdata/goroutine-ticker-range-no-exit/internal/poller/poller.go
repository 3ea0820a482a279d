// Reached by the long-running exporter: one goroutine leaks per watched target.
package poller

import (
	"context"
	"log"
	"time"
)

func Watch(ctx context.Context, target string) {
	go func() { // want "goroutine ranges over t.C \(line 14\) with no return or break while ctx is in scope"
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for range t.C {
			log.Println(target)
		}
	}()
}
