package body

import (
	"bytes"
	"context"
	"net/http"
	"time"
)

// The request's context is cancelled when the function returns: cancelling makes the transport close the
// connection and stop its goroutines, so the response left open leaks nothing.

func postResult(c *http.Client, u string, b []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "POST", u, bytes.NewReader(b))
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

// The second cancel is the one deferred after the request's context is made.
func replyAfterHandler(c *http.Client, u string, run func(context.Context)) {
	handlerCtx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	run(handlerCtx)
	replyCtx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(replyCtx, "POST", u, nil)
	if err != nil {
		return
	}
	if _, err := c.Do(req); err != nil {
		return
	}
}

func withContextArg(parent context.Context, c *http.Client, req *http.Request) (int, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	resp, err := c.Do(req.WithContext(ctx))
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func withContextReassigned(c *http.Client, u string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(time.Second))
	defer cancel()
	req = req.WithContext(ctx)
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// cancel is called on every path after the request, in a loop: each request's context dies before the next one.
func pollCancelled(c *http.Client, u string, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(time.Second):
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		_, err := c.Do(req)
		cancel()
		if err != nil {
			continue
		}
	}
}

// Reported: the cancelled context is not the request's, or not cancelled before the next request.

func otherContext(parent context.Context, c *http.Client, u string) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	_ = ctx
	req, err := http.NewRequestWithContext(parent, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	_, err = c.Do(req) // want "response from c.Do is discarded"
	return err
}

// The inner ctx (cancelled) shadows the outer one only inside the if: the request uses the outer ctx.
func shadowedContext(ctx context.Context, c *http.Client, u string, quick bool) error {
	if quick {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		_ = ctx
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	_, err = c.Do(req) // want "response from c.Do is discarded"
	return err
}

// The deferred cancel is another WithCancel's, assigned to the same variable before the defer.
func cancelReassigned(parent context.Context, c *http.Client, u string) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	var other context.Context
	other, cancel = context.WithCancel(parent)
	defer cancel()
	_ = other
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	_, err = c.Do(req) // want "response from c.Do is discarded"
	return err
}

// One context for the whole loop: every response stays open until the function returns.
func pollOneContext(c *http.Client, u string, n int) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for i := 0; i < n; i++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		resp, err := c.Do(req) // want "response resp from c.Do is never closed"
		if err != nil {
			continue
		}
		_ = resp.StatusCode
	}
}

// cancel only on one path.
func cancelOnError(c *http.Client, u string) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	resp, err := c.Do(req) // want "response resp from c.Do is never closed"
	if err != nil {
		cancel()
		return 0, err
	}
	return resp.StatusCode, nil
}

// The caller's context: not cancelled here.
func callerContext(ctx context.Context, c *http.Client, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, nil)
	if err != nil {
		return err
	}
	_, err = c.Do(req) // want "response from c.Do is discarded"
	return err
}
