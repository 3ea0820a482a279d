package tickerstop

import (
	"context"
	"errors"
	"log"
	"time"
)

// Every way out of the loop is a return: the Stop after it is dead code.
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
	t.Stop() // want "t.Stop\\(\\) is never reached: every path from time.NewTicker on line 12 returns first \\(line 16\\)"
}

// The loop has no way out at all: the deferred Stop is never even registered.
func forever(f func()) {
	tk := time.NewTicker(time.Minute)
	for {
		<-tk.C
		f()
	}
	defer tk.Stop() // want "tk.Stop\\(\\) is never reached: the loop on line 27 has no way out"
}

// A break inside the select leaves only the select: the loop still never ends.
func breakOnlyLeavesSelect(ch <-chan int) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-ch:
			break
		case <-t.C:
			t.Reset(time.Second)
		}
	}
	t.Stop() // want "t.Stop\\(\\) is never reached: the loop on line 37 has no way out"
}

// Stopped at the end, but the cancellation return leaves the ticker running.
func bounded(ctx context.Context, n int, f func()) error {
	t := time.NewTicker(time.Second) // want "ticker t is stopped on line 59, but the function can return without stopping it \\(line 54\\)"
	for i := 0; i < n; i++ {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			f()
		}
	}
	t.Stop()
	return nil
}

// An early error return between the timer and its Stop.
func early(setup func() error, work func()) error {
	timer := time.NewTimer(time.Hour) // want "timer timer is stopped on line 70, but the function can return without stopping it \\(line 67\\)"
	if err := setup(); err != nil {
		return err
	}
	work()
	timer.Stop()
	return nil
}

// --- negatives ---

// Deferred right after creation: stopped on every path.
func deferred(ctx context.Context, f func()) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f()
		}
	}
}

// A labelled break leaves the loop: the Stop after it runs.
func labelledBreak(ctx context.Context, f func()) {
	t := time.NewTicker(time.Second)
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case <-t.C:
			f()
		}
	}
	t.Stop()
}

// Stopped before each return.
func stoppedOnEachPath(ctx context.Context, f func() bool) error {
	t := time.NewTicker(time.Second)
	for {
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
			if f() {
				t.Stop()
				return nil
			}
		}
	}
}

// The only other exit ends the process.
func fatal(f func() error) {
	t := time.NewTicker(time.Second)
	for range t.C {
		if err := f(); err != nil {
			log.Fatal(err)
		}
		if errors.Is(f(), context.Canceled) {
			break
		}
	}
	t.Stop()
}

// Handed on: the caller owns it.
func handedOn(f func(*time.Ticker)) error {
	t := time.NewTicker(time.Second)
	f(t)
	if t == nil {
		return errors.New("no ticker")
	}
	t.Stop()
	return nil
}

type poller struct{ t *time.Ticker }

// A field: the owner stops it elsewhere.
func (p *poller) start(ctx context.Context) {
	p.t = time.NewTicker(time.Second)
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.t.C:
		}
	}
}

// Never stopped at all is CON1001's finding, not this rule's.
func neverStopped(ctx context.Context) {
	t := time.NewTicker(time.Second)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// A stop inside a closure that runs when the goroutine is told to end.
func closureStop(done <-chan struct{}) error {
	t := time.NewTicker(time.Second)
	go func() {
		<-done
		t.Stop()
	}()
	if done == nil {
		return errors.New("nil")
	}
	return nil
}
