package cancel

import (
	"context"
	ctxpkg "context"
	"errors"
	"time"
)

type Job struct {
	cancel context.CancelFunc
	ctx    context.Context
}

var (
	rootCtx, rootCancel = context.WithCancel(context.Background()) // package level: process lifetime
	globalCancel        context.CancelFunc
)

func discardTimeout(ctx context.Context) error {
	ctx, _ = context.WithTimeout(ctx, time.Second) // want "cancel function returned by context.WithTimeout is discarded"
	return use(ctx)
}

func discardDeclared(parent context.Context) error {
	ctx, _ := ctxpkg.WithCancel(parent) // want "context.WithCancel is discarded"
	return use(ctx)
}

func discardDeadline(parent context.Context) error {
	var ctx, _ = context.WithDeadline(parent, time.Now()) // want "WithDeadline is discarded"
	return use(ctx)
}

func discardCause(parent context.Context) {
	ctx, _ := context.WithCancelCause(parent) // want "WithCancelCause is discarded"
	_ = use(ctx)
	ctx2, _ := context.WithTimeoutCause(parent, time.Second, errors.New("slow")) // want "WithTimeoutCause is discarded"
	_ = use(ctx2)
}

func statementOnly(parent context.Context) {
	context.WithCancel(parent) // want "discarded"
}

func reassignedAfterDefer(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if err := use(ctx); err != nil {
		return err
	}
	ctx, cancel = context.WithTimeout(ctx, 2*time.Second) // want "cancel function cancel returned by context.WithTimeout is never called"
	return use(ctx)
}

// Negatives.

func deferred(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return use(ctx)
}

func called(ctx context.Context) error {
	ctx, stop := context.WithCancel(ctx)
	err := use(ctx)
	stop()
	return err
}

func returned(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	return ctx, cancel
}

func returnedDirect(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithCancel(ctx)
}

func namedResult(parent context.Context) (ctx context.Context, cancel context.CancelFunc) {
	ctx, cancel = context.WithTimeout(parent, time.Second)
	return
}

func stored(parent context.Context) *Job {
	j := &Job{}
	j.ctx, j.cancel = context.WithCancel(parent)
	return j
}

func storedLiteral(parent context.Context) *Job {
	ctx, cancel := context.WithCancel(parent)
	return &Job{ctx: ctx, cancel: cancel}
}

func passed(parent context.Context, register func(context.CancelFunc)) {
	ctx, cancel := context.WithCancel(parent)
	register(cancel)
	_ = use(ctx)
}

func packageVar(parent context.Context) {
	var ctx context.Context
	ctx, globalCancel = context.WithCancel(parent)
	_ = use(ctx)
}

func closureBefore(parent context.Context) {
	cancel := func() {}
	defer func() { cancel() }()
	var ctx context.Context
	ctx, cancel = context.WithCancel(parent)
	_ = use(ctx)
}

func inLoop(parent context.Context, ch chan int) {
	var cancel context.CancelFunc = func() {}
	for range ch {
		cancel()
		var ctx context.Context
		ctx, cancel = context.WithCancel(parent)
		go func() { _ = use(ctx) }()
	}
}

func conditionalReassign(parent context.Context, d time.Duration) error {
	ctx, cancel := context.WithCancel(parent)
	if d > 0 {
		ctx, cancel = context.WithTimeout(parent, d)
	}
	defer cancel()
	return use(ctx)
}

func ifInit(parent context.Context) error {
	if ctx, cancel := context.WithCancel(parent); ctx != nil {
		defer cancel()
		return use(ctx)
	}
	return nil
}

func goroutineCancel(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		defer cancel()
		_ = use(ctx)
	}()
}

func causeCalled(parent context.Context) {
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(errors.New("done"))
	_ = use(ctx)
}

func withoutCancel(parent context.Context) {
	ctx := context.WithoutCancel(parent)
	ctx2, _ := context.WithValue(parent, "k", "v"), 1
	_, _ = use(ctx), ctx2
}

type fakeContext struct{}

func (fakeContext) WithCancel(c context.Context) (context.Context, func()) { return c, nil }

func notContext(f fakeContext, parent context.Context) {
	ctx, _ := f.WithCancel(parent)
	_ = use(ctx)
}

func shadowedPkg(parent context.Context) {
	context := fakeContext{}
	ctx, _ := context.WithCancel(parent)
	_ = use(ctx)
}

func use(ctx context.Context) error { return ctx.Err() }
