package tickerstop123

import (
	"context"
	"time"
)

// Since Go 1.23 an unreferenced ticker is collected: the bypassed Stop is harmless.
func pollUntilCancelled(ctx context.Context, f func()) {
	t := time.NewTicker(time.Second)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f()
		}
	}
	t.Stop()
}

func bounded(ctx context.Context, n int) error {
	t := time.NewTicker(time.Second)
	for i := 0; i < n; i++ {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	t.Stop()
	return nil
}

// But a loop that never ends makes the Stop dead code at any version.
func forever(f func()) {
	tk := time.NewTicker(time.Minute)
	for {
		<-tk.C
		f()
	}
	tk.Stop() // want "tk.Stop\\(\\) is never reached: the loop on line 38 has no way out"
}
