// A kubectl plugin's command: the goroutine left blocked dies with the process right after.
package status

import (
	"context"
	"time"
)

func watch(ctx context.Context, get func() string) (string, error) {
	ch := make(chan string)
	go func() {
		ch <- get()
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Minute):
		return "", context.DeadlineExceeded
	}
}
