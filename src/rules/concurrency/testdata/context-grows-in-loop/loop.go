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

// one value per key: each iteration stores a different key, every value stays readable

type headerKey string

func withHeaders(ctx context.Context, headers map[string][]string) context.Context {
	for k, v := range headers {
		if len(k) > 2 && k[:2] == "X-" {
			ctx = context.WithValue(ctx, headerKey(k), v)
		}
	}
	return ctx
}

func withClaims(ctx context.Context, claims map[string]any) context.Context {
	for name, value := range claims {
		switch name {
		case "exp", "iat":
		default:
			ctx = context.WithValue(ctx, name, value)
		}
	}
	return ctx
}

func withIndexed(ctx context.Context, values []string) context.Context {
	for i := 0; i < len(values); i++ {
		k := headerKey(values[i])
		ctx = context.WithValue(ctx, k, i)
	}
	return ctx
}

// the same key re-wrapped each iteration: only the newest value is ever read

func sameKeyEachTime(ctx context.Context, names []string) {
	for _, n := range names {
		ctx = context.WithValue(ctx, headerKey("current"), n) // want "ctx = context.WithValue"
		use(ctx)
	}
}

func timeoutEachTime(ctx context.Context, names []string) {
	for _, n := range names {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Duration(len(n))) // want "ctx = context.WithTimeout"
		defer cancel()
	}
}

func use(ctx context.Context) { _ = ctx }
