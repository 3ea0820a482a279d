package sendblock

import (
	"context"
	"errors"
	"time"
)

func fetch(ctx context.Context, get func() string) (string, error) {
	ch := make(chan string)
	go func() {
		ch <- get() // want "send on unbuffered channel ch blocks forever once fetch has returned through its other select case \\(line 17\\)"
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func withTimeout(work func() error) error {
	var done = make(chan error, 0)
	go func() {
		err := work()
		done <- err // want "send on unbuffered channel done"
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Second):
		return errors.New("timeout")
	}
}

func producer(ctx context.Context, items []int, handle func(int)) {
	out := make(chan int)
	go func() {
		for _, it := range items {
			out <- it // want "unbuffered channel out"
		}
	}()
	for range items {
		select {
		case v := <-out:
			handle(v)
		case <-ctx.Done():
			return
		}
	}
}

func nonBlockingPoll(work func() int) int {
	res := make(chan int)
	go func() { res <- work() }() // want "unbuffered channel res"
	select {
	case v := <-res:
		return v
	default:
		return -1
	}
}

// Negatives.

func buffered(ctx context.Context, get func() string) (string, error) {
	ch := make(chan string, 1)
	go func() {
		ch <- get()
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func sendInSelect(ctx context.Context, get func() string) (string, error) {
	ch := make(chan string)
	go func() {
		select {
		case ch <- get():
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func unconditional(get func() string) string {
	ch := make(chan string)
	go func() { ch <- get() }()
	return <-ch
}

func selectWithoutEscape(a func() string) string {
	ch := make(chan string)
	go func() { ch <- a() }()
	select {
	case v := <-ch:
		return v
	}
}

// The timeout case drains the channel before returning.
func drained(ctx context.Context, get func() string) (string, error) {
	ch := make(chan string)
	go func() { ch <- get() }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		go func() { <-ch }()
		return "", ctx.Err()
	}
}

func escapes(ctx context.Context, get func() string, register func(chan string)) string {
	ch := make(chan string)
	register(ch)
	go func() { ch <- get() }()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return ""
	}
}

func rangeReceive(items []int) int {
	ch := make(chan int)
	go func() {
		for _, it := range items {
			ch <- it
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

func sizedByVariable(ctx context.Context, n int, get func() int) int {
	ch := make(chan int, n)
	go func() { ch <- get() }()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

func paramShadow(ctx context.Context, get func() int) int {
	ch := make(chan int)
	go func(ch chan int) { ch <- get() }(make(chan int, 1))
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

func fromParam(ctx context.Context, ch chan int, get func() int) int {
	go func() { ch <- get() }()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}
