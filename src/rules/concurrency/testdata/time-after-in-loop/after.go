package after

import (
	"context"
	"errors"
	"log"
	"time"
	t "time"
)

func consume(msgs <-chan string) {
	for {
		select {
		case m := <-msgs:
			log.Println(m)
		case <-time.After(5 * time.Minute): // want "each iteration where another case wins"
			return
		}
	}
}

func withDefault(ch chan int) {
	for i := 0; i < 100; i++ {
		select {
		case v := <-time.After(time.Second): // want "time.After in a select inside a loop"
			_ = v
		default:
		}
	}
}

func aliased(msgs <-chan int) {
	for m := range msgs {
		select {
		case <-(t.After(t.Second)): // want "time.After"
		case msgs2 := <-msgs:
			_ = msgs2
			continue
		}
		_ = m
	}
}

func labelledContinue(ctx context.Context, in chan int) {
outer:
	for {
		select {
		case <-ctx.Done():
			return
		case <-in:
			continue outer
		case <-time.After(time.Second): // want "time.After"
		}
	}
}

func sendCase(out chan int) {
	for {
		select {
		case out <- 1:
		case <-time.After(time.Second): // want "time.After"
			return
		}
	}
}

func conditionalReturn(in chan error) error {
	for {
		select {
		case err := <-in:
			if err != nil {
				return err
			}
		case <-time.After(time.Minute): // want "time.After"
			return errors.New("timeout")
		}
	}
}

// Negatives.

// Backoff: every other case leaves the loop, so at most one timer is pending.
func backoff(ctx context.Context, try func() error) error {
	for i := 0; i < 5; i++ {
		if err := try(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(i) * time.Second):
		}
	}
	return errors.New("gave up")
}

func breakOut(done chan struct{}) {
loop:
	for {
		select {
		case <-done:
			break loop
		case <-time.After(time.Second):
			log.Println("tick")
		}
	}
}

func fatal(done chan struct{}) {
	for {
		select {
		case <-done:
			log.Fatal("done")
		case <-time.After(time.Second):
		}
	}
}

func ifElseReturn(in chan int) int {
	for {
		select {
		case v := <-in:
			if v > 0 {
				return v
			} else {
				return -v
			}
		case <-time.After(time.Second):
		}
	}
}

func onlyCase() {
	for i := 0; i < 3; i++ {
		select {
		case <-time.After(time.Second):
		}
	}
}

func noLoop(msgs chan string) {
	select {
	case <-msgs:
	case <-time.After(time.Second):
	}
}

func timerOutside(msgs chan string) {
	timeout := time.After(time.Minute)
	for {
		select {
		case <-msgs:
		case <-timeout:
			return
		}
	}
}

func notInSelect() {
	for i := 0; i < 3; i++ {
		<-time.After(time.Millisecond)
	}
}

func loopInClosure(msgs chan string) {
	for {
		go func() {
			select {
			case <-msgs:
			case <-time.After(time.Second):
			}
		}()
	}
}

type fake struct{}

func (fake) After(d time.Duration) <-chan time.Time { return nil }

func notTime(f fake, msgs chan string) {
	for {
		select {
		case <-msgs:
		case <-f.After(time.Second):
			return
		}
	}
}

// The ctx.Done case does not return here, but once closed it always wins: the loop is ending.
func retryAfterCancel(ctx context.Context, send func() error) {
	for send() != nil {
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

func stopChannel(stopc chan struct{}, work chan int) {
	for {
		select {
		case <-stopc:
		case <-time.After(time.Second):
		}
		if len(work) == 0 {
			return
		}
	}
}
