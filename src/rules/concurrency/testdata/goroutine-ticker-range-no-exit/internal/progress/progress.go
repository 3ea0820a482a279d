// Reached only by the one-shot migrate program: the ticker goroutine ends with the process.
package progress

import (
	"context"
	"log"
	"time"
)

func Report(ctx context.Context, what string) {
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for range t.C {
			log.Println(what)
		}
	}()
}
