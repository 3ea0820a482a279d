package cancel

import (
	"context"
	"errors"
	"net"
	"time"
)

// One cancel variable missed by three returns and by the end of a closure's caller: one finding at the assignment,
// the three returns its related places (go vet would print four diagnostics for the same leak).
func startListener(parent context.Context, addr string, retries int) error {
	ctx, cancel := context.WithCancelCause(parent) // want "cancel function returned by context.WithCancelCause is not used on all paths"
	if addr == "" {
		return errors.New("no address")
	}
	if retries < 0 {
		return errors.New("negative retries")
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	go serveUntil(ctx, l)
	cancel(nil)
	return nil
}

// Two cancel variables in one function, each missed by its own return: two concerns, two findings.
func twoDeadlines(parent context.Context, quick bool) error {
	first, stopFirst := context.WithTimeout(parent, time.Second) // want "stopFirst function returned by context.WithTimeout is not used on all paths"
	if quick {
		return use(first)
	}
	stopFirst()
	second, stopSecond := context.WithTimeout(parent, time.Minute) // want "stopSecond function returned by context.WithTimeout is not used on all paths"
	if err := use(second); err != nil {
		return err
	}
	stopSecond()
	return nil
}

func serveUntil(ctx context.Context, l net.Listener) {
	<-ctx.Done()
	_ = l.Close()
}
