// Reached by the fetchd server: the same leak as in internal/fetch, once per timed-out request.
package serve

import (
	"context"
	"errors"
)

func Lookup(ctx context.Context, get func() string) (string, error) {
	ch := make(chan string)
	go func() {
		ch <- get() // want "send on unbuffered channel ch blocks forever once Lookup has returned"
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", errors.New("timeout")
	}
}
