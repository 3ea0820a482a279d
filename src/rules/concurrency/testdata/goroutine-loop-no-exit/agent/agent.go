package agent

import (
	"context"
	"log"
	"time"
)

type Agent struct {
	reloads chan struct{}
	events  chan string
}

// New runs once per process (from agentd's command action): its watchers block on channels for the process's life.
func New(ctx context.Context) *Agent {
	a := &Agent{reloads: make(chan struct{}, 1), events: make(chan string, 16)}
	a.watchReloads(ctx)
	go func() {
		for {
			ev := <-a.events
			log.Println(ev)
		}
	}()
	return a
}

func (a *Agent) watchReloads(ctx context.Context) {
	go func() {
		for {
			<-a.reloads
			a.apply(ctx)
		}
	}()
}

func (a *Agent) apply(ctx context.Context) {}

// Serve opens a session per iteration: each one starts a goroutine that ctx never stops
func (a *Agent) Serve(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		a.session(ctx)
		time.Sleep(time.Second)
	}
}

func (a *Agent) session(ctx context.Context) {
	go func() { // want "endless"
		for {
			time.Sleep(time.Second)
			a.events <- "tick"
		}
	}()
}
