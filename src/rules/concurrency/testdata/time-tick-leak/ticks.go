package ticks

import (
	"context"
	"log"
	tm "time"
	"time"
)

var globalTick = time.Tick(time.Minute) // package level: one ticker for the process

func init() {
	go func() {
		for range time.Tick(time.Hour) {
		}
	}()
	_ = time.Tick(time.Second) // init runs once
}

func pollUntil(ctx context.Context, f func()) {
	tick := time.Tick(time.Second) // want "time.Tick in pollUntil, a function that returns"
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			f()
		}
	}
}

func aliased(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-tm.Tick(tm.Second): // want "inside a loop creates a new, unstoppable ticker"
		}
	}
}

func fallsOff(n int) {
	c := time.Tick(time.Millisecond) // want "time.Tick in fallsOff"
	for i := 0; i < n; i++ {
		<-c
	}
}

func brokenLoop(stop chan struct{}) {
	for range time.Tick(time.Second) { // want "time.Tick in brokenLoop"
		select {
		case <-stop:
			return
		default:
		}
	}
}

func labelledBreak(stop chan struct{}) {
	tick := time.Tick(time.Second) // want "time.Tick in labelledBreak"
loop:
	for {
		select {
		case <-stop:
			break loop
		case <-tick:
		}
	}
	log.Println("stopped")
}

func closure(ctx context.Context) func() {
	return func() {
		<-time.Tick(time.Second) // want "time.Tick in a function literal"
	}
}

// Negatives: endless workers own the ticker for the process lifetime.

func forever(f func()) {
	for range time.Tick(time.Minute) {
		f()
	}
}

func foreverVar(f func()) {
	t := time.Tick(time.Minute)
	for range t {
		f()
	}
}

func foreverSelect(work chan int) {
	tick := time.Tick(time.Second)
	for {
		select {
		case w := <-work:
			_ = w
		case <-tick:
		}
	}
}

func foreverGoroutine() {
	go func() {
		for range time.Tick(time.Second) {
			log.Println("alive")
		}
	}()
}

func exitsProcess() {
	for range time.Tick(time.Second) {
		if bad() {
			log.Fatal("bad")
		}
	}
}

func bad() bool { return false }

// Negatives: not time.Tick.

type clock struct{}

func (clock) Tick(d time.Duration) <-chan time.Time { return nil }

func otherTick(c clock) {
	<-c.Tick(time.Second)
}

func shadowedPkg() {
	time := clock{}
	<-time.Tick(5)
}

func newTicker() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	<-t.C
}

type realClock struct{}

// A Tick-like wrapper: the caller owns the channel.
func (realClock) Tick(d time.Duration) <-chan time.Time {
	return time.Tick(d)
}
