package tickers

import (
	"context"
	t2 "time"
	"time"
)

type Poller struct {
	ticker *time.Ticker
}

func leak(f func()) {
	t := time.NewTicker(time.Second) // want "ticker t is never stopped"
	for range t.C {
		f()
	}
}

func aliasLeak(f func()) {
	tk := t2.NewTicker(t2.Second) // want "ticker tk is never stopped"
	<-tk.C
	f()
}

func discarded() {
	for range time.NewTicker(time.Second).C { // want "not kept, so it can never be stopped"
	}
}

func blank() {
	_ = time.NewTicker(time.Second) // want "not kept"
}

func stopped(ctx context.Context) {
	t := time.NewTicker(time.Second)
	for {
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

func deferred() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	<-t.C
}

func deferredClosure() {
	t := time.NewTicker(time.Second)
	defer func() { t.Stop() }()
	<-t.C
}

func returned() *time.Ticker {
	t := time.NewTicker(time.Second)
	return t
}

func returnedDirect() *time.Ticker {
	return time.NewTicker(time.Second)
}

func (p *Poller) stored() {
	p.ticker = time.NewTicker(time.Second)
}

func storedLater(p *Poller) {
	t := time.NewTicker(time.Second)
	p.ticker = t
}

func literal() *Poller {
	return &Poller{ticker: time.NewTicker(time.Second)}
}

func passedOn(run func(*time.Ticker)) {
	t := time.NewTicker(time.Second)
	run(t)
}

// A local type named time shadows nothing here, but a local variable does:
func shadowed() {
	time := fakeTime{}
	t := time.NewTicker(5)
	_ = t
}

type fakeTime struct{}

func (fakeTime) NewTicker(int) int { return 0 }

// A package-level ticker started by one function and stopped by another.
var pushTicker *time.Ticker

func startPush() {
	pushTicker = time.NewTicker(time.Second)
	go func() {
		for range pushTicker.C {
		}
	}()
}

func stopPush() {
	if pushTicker != nil {
		pushTicker.Stop()
	}
}

// Stopped by the code around the goroutine that uses it.
func aroundClosure(done chan struct{}) {
	var t *time.Ticker
	go func() {
		t = time.NewTicker(time.Second)
		<-t.C
	}()
	<-done
	t.Stop()
}
