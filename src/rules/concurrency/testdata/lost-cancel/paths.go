package cancel

import (
	"context"
	"errors"
	"log"
	"time"
)

// Cancel called on the happy path only: the early return leaks the context.
func earlyReturn(parent context.Context, ok bool) error {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want "cancel function returned by context.WithTimeout is not used on all paths"
	if !ok {
		return errors.New("not ok") // a related place of the finding on line 12 (one finding per cancel variable)
	}
	err := use(ctx)
	cancel()
	return err
}

// Cancelled only inside a branch, then the function ends.
func onlyInBranch(parent context.Context, flag bool) {
	ctx, cancel := context.WithCancel(parent) // want "not used on all paths"
	if flag {
		cancel()
	}
	_ = use(ctx)
} // a related place of the finding on line 23

// A switch whose cases all cancel, fall through to a case that does, or end the process.
func everyCase(parent context.Context, n int) {
	ctx, cancel := context.WithCancel(parent)
	_ = use(ctx)
	switch n {
	case 0:
		cancel()
	case 1:
		log.Fatal("no")
	case 2:
		_ = n
		fallthrough
	default:
		cancel()
	}
}

// A loop that only leaves through a break after cancelling.
func loopBreak(parent context.Context, ch chan int) {
	ctx, cancel := context.WithCancel(parent)
	for {
		if _, ok := <-ch; !ok {
			cancel()
			break
		}
		_ = use(ctx)
	}
}

// Panic ends the path; the deferred call covers every other path.
func deferred(parent context.Context, bad bool) error {
	ctx, cancel := context.WithCancel(parent)
	if bad {
		panic("bad")
	}
	defer cancel()
	return use(ctx)
}

// Assigned to a declared-but-unused variable, then returned without it on one path.
func assignedLater(parent context.Context, skip bool) error {
	var cancel context.CancelFunc
	var ctx context.Context
	ctx, cancel = context.WithCancel(parent) // want "not used on all paths"
	if skip {
		return nil // a related place of the finding on line 73
	}
	defer cancel()
	return use(ctx)
}

// Started and stopped as leadership changes, inside a loop over time.Tick, which never ends: no exit is reached.
func leaderLoop(parent context.Context, isLeader func() bool, start func(context.Context)) {
	var cancel context.CancelFunc
	leading := false
	for range time.Tick(time.Minute) {
		if isLeader() && !leading {
			leading = true
			var ctx context.Context
			ctx, cancel = context.WithCancel(parent)
			start(ctx)
		} else if !isLeader() && leading {
			leading = false
			if cancel != nil {
				cancel()
			}
		}
	}
}

// The same over a channel that may be closed: the loop can end with the context open.
func leaderEvents(parent context.Context, events <-chan bool, start func(context.Context)) {
	var stop context.CancelFunc
	for leader := range events {
		if leader {
			var ctx context.Context
			ctx, stop = context.WithCancel(parent) // want "stop function returned by context.WithCancel is not used on all paths"
			start(ctx)
		} else if stop != nil {
			stop()
		}
	}
}
