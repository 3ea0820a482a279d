// Reached only by the one-shot fetchtool program: the goroutine left blocked dies with the process.
package fetch

import (
	"context"
	"errors"
)

func Latest(ctx context.Context, get func() string) (string, error) {
	ch := make(chan string)
	go func() {
		ch <- get()
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", errors.New("timeout")
	}
}
