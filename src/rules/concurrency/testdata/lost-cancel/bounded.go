package cancel

import (
	"context"
	"net/http"
	"time"
)

// A lost cancel holds the child context (and its timer) until the timeout fires: short constant timeouts bound it.
func discardShortTimeout(ctx context.Context) error {
	ctx, _ = context.WithTimeout(ctx, 60*time.Second) // want "is discarded: the context leaks until its 60\\*time.Second timeout expires"
	return use(ctx)
}

func shutdownOnce(srv *http.Server) error {
	ctx, _ := context.WithTimeout(context.Background(), 5*time.Second) // want "until its 5\\*time.Second timeout expires"
	return srv.Shutdown(ctx)
}

func discardShortDeadline(ctx context.Context) error {
	ctx, _ = context.WithDeadline(ctx, time.Now().Add(time.Duration(30)*time.Second)) // want "until its time.Duration\\(30\\)\\*time.Second timeout expires"
	return use(ctx)
}

// a long or unknown timeout: until the parent is cancelled, as before
func discardLongTimeout(ctx context.Context, d time.Duration) error {
	ctx, _ = context.WithTimeout(ctx, 24*time.Hour) // want "discarded: the context leaks until its parent is cancelled"
	if err := use(ctx); err != nil {
		return err
	}
	ctx2, _ := context.WithTimeout(ctx, d) // want "discarded: the context leaks until its parent is cancelled"
	return use(ctx2)
}

// The request's context is cancelled when the handler returns: what hangs on it lasts no longer than the request.
func handle(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(r.Context()) // want "not used on all paths \\(possible context leak until the request ends"
	if cn, ok := w.(http.CloseNotifier); ok {
		go func(closed <-chan bool) {
			<-closed
			cancel()
		}(cn.CloseNotify())
	}
	_ = use(ctx)
}

type request struct{ ctx context.Context }

func (q *request) Context() context.Context { return q.ctx }

// not an *http.Request: its Context() may live as long as anything
func notAHandler(q *request) error {
	ctx, _ := context.WithCancel(q.Context()) // want "discarded: the context leaks until its parent is cancelled"
	return use(ctx)
}
