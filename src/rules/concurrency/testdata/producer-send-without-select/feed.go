package producer

import (
	"bufio"
	"context"
	"io"
	"net/http"
)

func Numbers(ctx context.Context, n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			ch <- i // want "goroutine sends on ch, which the function returns to its caller, without a select on ctx.Done\(\)"
		}
	}()
	return ch
}

func Lines(ctx context.Context, r io.Reader) (<-chan string, error) {
	out := make(chan string, 16)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			out <- sc.Text() // want "sends on out"
		}
	}()
	return out, nil
}

func stream(w http.ResponseWriter, r *http.Request) {
	events := subscribe(r)
	for e := range events {
		_, _ = w.Write([]byte(e))
	}
}

func subscribe(r *http.Request) chan string {
	ch := make(chan string)
	go func() {
		ch <- "hello" // want "without a select on r.Context\(\).Done\(\)"
		close(ch)
	}()
	return ch
}

// negatives

func WithSelect(ctx context.Context, n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			select {
			case ch <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

func single(ctx context.Context) <-chan error {
	errc := make(chan error, 1)
	go func() {
		errc <- work(ctx)
	}()
	return errc
}

func sized(ctx context.Context, items []int) <-chan int {
	ch := make(chan int, len(items))
	go func() {
		defer close(ch)
		for _, it := range items {
			ch <- it
		}
	}()
	return ch
}

func notReturned(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		ch <- 1
	}()
	return <-ch
}

func noContext(n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	return ch
}

func firstError(ctx context.Context, jobs []func() error) <-chan error {
	errc := make(chan error, 1)
	go func() {
		defer close(errc)
		for _, j := range jobs {
			if err := j(); err != nil {
				errc <- err
				return
			}
		}
	}()
	return errc
}

func work(ctx context.Context) error { return ctx.Err() }

// the goroutine sends on its own local channel, drained locally: the returned ch is another one
func shadowedFeed(ctx context.Context) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		ch := make(chan int)
		go func() {
			for v := range ch {
				_ = v
			}
		}()
		for i := 0; ; i++ {
			ch <- i
		}
	}()
	return ch
}
