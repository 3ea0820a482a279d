package wg

import (
	"sync"
)

type Pool struct {
	wg   sync.WaitGroup
	jobs chan func()
}

func fanOut(jobs []func()) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		go func() {
			wg.Add(1) // want "wg.Add is called inside the goroutine that wg.Done releases"
			defer wg.Done()
			j()
		}()
	}
	wg.Wait()
}

func (p *Pool) start(n int) {
	for i := 0; i < n; i++ {
		go func() {
			p.wg.Add(1) // want "p.wg.Add is called inside"
			for j := range p.jobs {
				j()
			}
			p.wg.Done()
		}()
	}
}

func param(wg *sync.WaitGroup, f func()) {
	go func(w *sync.WaitGroup) {
		w.Add(1) // want "w.Add"
		defer func() {
			w.Done()
		}()
		f()
	}(wg)
}

func (p *Pool) named() {
	go p.worker() // want "p.wg.Add is called inside"
	p.wg.Wait()
}

func (p *Pool) worker() {
	p.wg.Add(1)
	defer p.wg.Done()
}

// Negatives.

func correct(jobs []func()) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			j()
		}()
	}
	wg.Wait()
}

// The goroutine's Add counts the nested goroutines it starts: correct.
func nested(batches [][]func()) {
	var outer sync.WaitGroup
	outer.Add(1)
	go func() {
		defer outer.Done()
		var inner sync.WaitGroup
		for _, b := range batches {
			inner.Add(1)
			go func() {
				defer inner.Done()
				_ = b
			}()
		}
		inner.Wait()
	}()
	outer.Wait()
}

func addThenSpawn(wg *sync.WaitGroup, f func()) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		wg.Add(1)
		go func() {
			defer wg.Done()
			f()
		}()
	}()
}

// Add and Done on different WaitGroups.
func different(a, b *sync.WaitGroup) {
	go func() {
		a.Add(1)
		defer b.Done()
	}()
}

// Negative count: a Done in disguise.
func negative(wg *sync.WaitGroup) {
	go func() {
		wg.Add(-1)
		wg.Done()
	}()
}

// Add without Done in the goroutine: not the goroutine's own count.
func producer(wg *sync.WaitGroup, out chan int) {
	go func() {
		wg.Add(1)
		out <- 1
	}()
}

// Not a goroutine.
func inline(wg *sync.WaitGroup) {
	func() {
		wg.Add(1)
		defer wg.Done()
	}()
}

// Add inside a conditional or loop of the goroutine is not the leading self-count shape.
func conditional(wg *sync.WaitGroup, ok bool) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		if ok {
			wg.Add(1)
		}
	}()
}

type counter struct{ n int }

func (c *counter) Add(int) {}
