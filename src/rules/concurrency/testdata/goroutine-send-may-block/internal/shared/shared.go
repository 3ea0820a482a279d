// Reached by both the one-shot fetchtool and the fetchd server: judged as the long-running one.
package shared

import (
	"context"
	"errors"
	"time"
)

func Name() string { return "shared" }

func Wait(ctx context.Context, get func() string) (string, error) {
	ch := make(chan string)
	go func() {
		ch <- get() // want "send on unbuffered channel ch blocks forever once Wait has returned"
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Second):
		return "", errors.New("timeout")
	}
}
