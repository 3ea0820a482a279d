package modern

import (
	"context"
	"time"
)

func pollUntil(ctx context.Context) {
	tick := time.Tick(time.Second) // no finding: collected once unreferenced since Go 1.23
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
		}
	}
}
