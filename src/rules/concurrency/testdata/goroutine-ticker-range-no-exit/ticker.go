package tickers

import (
	"context"
	"log"
	"net/http"
	"time"
)

type Poller struct {
	ticker *time.Ticker
	url    string
}

// Stop stops the ticks but not the goroutines ranging over them: Poller can be stopped, its goroutines cannot.
func (p *Poller) Stop() {
	if p.ticker != nil {
		p.ticker.Stop()
	}
}

func (p *Poller) Start() {
	go func() { // want "goroutine ranges over t.C \(line 26\) with no return or break: Stop does not close the channel"
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for range t.C {
			_, _ = http.Get(p.url)
		}
	}()
}

func (p *Poller) StartWith(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	go func() { // want "ranges over t.C \(line 36\) with no return or break while ctx is in scope but never checked"
		defer t.Stop()
		for now := range t.C {
			log.Println(now)
		}
	}()
}

func (p *Poller) Run() {
	p.ticker = time.NewTicker(time.Second)
	go p.loop() // want "goroutine loop ranges over p.ticker.C"
}

func (p *Poller) loop() {
	for range p.ticker.C {
		p.poll()
	}
}

func (p *Poller) poll() {}

func handler(w http.ResponseWriter, r *http.Request) {
	t := time.NewTicker(100 * time.Millisecond)
	go func() { // want "ranges over t.C"
		for {
			for range t.C {
				w.Write([]byte("."))
			}
		}
	}()
}

// negatives

func (p *Poller) withExit(ctx context.Context) {
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for range t.C {
			if ctx.Err() != nil {
				return
			}
			p.poll()
		}
	}()
}

func (p *Poller) selectLoop(ctx context.Context) {
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				p.poll()
			}
		}
	}()
}

func (p *Poller) counted() {
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		n := 0
		for range t.C {
			n++
			if n == 3 {
				break
			}
		}
	}()
}

type events struct{ C chan int }

func (p *Poller) notTicker(e *events) {
	go func() {
		for v := range e.C {
			log.Println(v)
		}
	}()
}

func (p *Poller) syncLoop() {
	t := time.NewTicker(time.Second)
	for range t.C { // not a goroutine: the caller blocks, reported by nothing here
		p.poll()
	}
}

func (p *Poller) tick() {
	go func() { // time.Tick: process-lifetime by its own contract (time-tick-leak judges it)
		for range time.Tick(time.Minute) {
			p.poll()
		}
	}()
}
