package modern

import (
	"context"
	"time"
)

func pollUntil(ctx context.Context) {
	tick := time.Tick(time.Second) // want "since Go 1.23 it is collected once unreferenced"
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
		}
	}
}
