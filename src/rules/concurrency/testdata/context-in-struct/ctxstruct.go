package ctxstruct

import (
	"context"
	stdctx "context"
	"sync"
)

type Worker struct {
	ctx  context.Context // want "struct field ctx stores a context.Context"
	name string
}

type Pair struct {
	parent, child stdctx.Context // want "field parent" "field child"
}

func handle() {
	job := struct {
		ctx context.Context // want "field ctx"
		id  int
	}{ctx: context.Background(), id: 1}
	_ = job
}

// negatives

// embedding implements context.Context with extra behaviour
type tracedContext struct {
	context.Context
	traceID string
}

// the component owns the lifetime it created and can end it
type Server struct {
	ctx    context.Context
	cancel context.CancelFunc
	mu     sync.Mutex
}

type Loop struct {
	ctx  context.Context
	stop func()
}

type Options struct {
	Timeout int
	Parent  func() context.Context // a function returning a context, not a stored context
}

type notContext struct {
	ctx Context
}

type Context interface{ Done() <-chan struct{} }
