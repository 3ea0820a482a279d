package fatctx

import (
	"context"
	"time"
)

type key struct{}

func RunAll(ctx context.Context, jobs []func(context.Context)) {
	for i, job := range jobs {
		ctx = context.WithValue(ctx, key{}, i) // want "ctx = context.WithValue\(ctx, ...\) inside a loop \(line 11\)"
		job(ctx)
	}
}

func poll(ctx context.Context, f func(context.Context) error) {
	var cancel context.CancelFunc
	for {
		ctx, cancel = context.WithTimeout(ctx, time.Second) // want "ctx = context.WithTimeout"
		err := f(ctx)
		cancel()
		if err == nil {
			return
		}
	}
}

func nested(parent context.Context, n int) {
	c := parent
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			c = context.WithValue(c, key{}, i) // want "c = context.WithValue"
		}
	}
	_ = c
}

// negatives

func fresh(ctx context.Context, jobs []func(context.Context)) {
	for i, job := range jobs {
		jctx := context.WithValue(ctx, key{}, i)
		job(jctx)
	}
}

func declaredInside(parent context.Context, jobs []func(context.Context)) {
	for i, job := range jobs {
		ctx := parent
		ctx = context.WithValue(ctx, key{}, i)
		job(ctx)
	}
}

func outside(ctx context.Context) context.Context {
	ctx = context.WithValue(ctx, key{}, 1)
	return ctx
}

func inClosure(ctx context.Context, jobs []func(context.Context)) {
	for _, job := range jobs {
		go func(ctx context.Context) {
			ctx = context.WithValue(ctx, key{}, 2)
			job(ctx)
		}(ctx)
	}
}

func otherParent(ctx, base context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx = context.WithValue(base, key{}, i)
	}
	_ = ctx
}
