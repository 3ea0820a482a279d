package loops

import (
	"context"
	"log"
	"os"
	"runtime"
	"time"
)

type Server struct {
	work chan int
	done chan struct{}
}

func (s *Server) Start() {
	go func() { // want "goroutine runs an endless for loop"
		for {
			time.Sleep(time.Second)
			log.Println("tick")
		}
	}()
}

func (s *Server) StartWorkers() {
	go s.worker() // want "goroutine worker runs an endless for loop"
	go process(s.work) // want "goroutine process runs an endless for loop"
}

func (s *Server) worker() {
	for {
		v := <-s.work
		_ = v
	}
}

func process(in chan int) {
	for {
		select {
		case v := <-in:
			_ = v
		case <-time.After(time.Second):
			continue
		}
	}
}

func selectBreakOnlySelect(ctx context.Context, in chan int) {
	go func() { // want "endless for loop"
		for {
			select {
			case <-ctx.Done():
				break // leaves the select, not the loop
			case <-in:
			}
		}
	}()
}

func forClauseNoCond(in chan int) {
	go func() { // want "endless"
		for i := 0; ; i++ {
			<-in
		}
	}()
}

func innerSwitchBreak(in chan int) {
	go func() { // want "endless"
		for {
			switch <-in {
			case 0:
				break
			}
		}
	}()
}

func nestedLoop(in chan int) {
	go func() { // want "endless"
		for v := range in {
			_ = v
			for {
				time.Sleep(time.Millisecond)
			}
		}
	}()
}

// Negatives.

func (s *Server) StartCancellable(ctx context.Context) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case v := <-s.work:
				_ = v
			}
		}
	}()
}

func rangeChannel(in chan int) {
	go func() {
		for v := range in {
			_ = v
		}
	}()
}

func conditional(s *Server) {
	go func() {
		for s.running() {
			time.Sleep(time.Second)
		}
	}()
}

func (s *Server) running() bool { return true }

func labelledBreak(done chan struct{}) {
	go func() {
	loop:
		for {
			select {
			case <-done:
				break loop
			default:
			}
		}
		log.Println("stopped")
	}()
}

func plainBreak(in chan int) {
	go func() {
		for {
			v, ok := <-in
			if !ok {
				break
			}
			_ = v
		}
	}()
}

func withGoto(in chan int) {
	go func() {
		for {
			if <-in == 0 {
				goto end
			}
		}
	end:
	}()
}

func exits(in chan int) {
	go func() {
		for {
			if <-in == 0 {
				os.Exit(1)
			}
		}
	}()
	go func() {
		for {
			if <-in == 0 {
				log.Fatal("bad")
			}
		}
	}()
	go func() {
		for {
			if <-in == 0 {
				panic("bad")
			}
		}
	}()
	go func() {
		for {
			if <-in == 0 {
				runtime.Goexit()
			}
		}
	}()
}

func acceptLoop(accept func() (int, error)) {
	go func() {
		for {
			c, err := accept()
			if err != nil {
				return
			}
			_ = c
		}
	}()
}

// The endless loop lives in a nested function literal that may never run.
func nestedLiteral(in chan int) {
	go func() {
		f := func() {
			for {
				<-in
			}
		}
		_ = f
	}()
}

// Not a goroutine.
func notGoroutine(in chan int) {
	for {
		<-in
	}
}

// Unknown target: declared elsewhere.
func unknownTarget(in chan int) {
	go elsewhere(in)
	go log.Println("x")
}

func elsewhere(in chan int)

func init() {
	go func() {
		for {
			time.Sleep(time.Hour)
		}
	}()
}

type onceT struct{}

func (onceT) Do(f func()) { f() }

var reaperOnce onceT

// A singleton worker started once for the process.
func startReaper() {
	reaperOnce.Do(func() {
		go func() {
			for {
				time.Sleep(time.Second)
			}
		}()
	})
}

// the inner loop leaves through `continue outer`; the outer one returns on done
func (s *Server) scheduler(done <-chan struct{}, tick <-chan time.Time, next func() bool) {
	go func() {
	outer:
		for {
			select {
			case <-done:
				return
			case <-tick:
				for {
					if !next() {
						continue outer
					}
				}
			}
		}
	}()
}

// `continue outer` leaves the inner loop, but the outer loop has no way out
func (s *Server) spinner(tick <-chan time.Time, next func() bool) {
	go func() { // want "goroutine runs an endless for loop"
	outer:
		for {
			<-tick
			for {
				if !next() {
					continue outer
				}
			}
		}
	}()
}

// `continue rows` names a loop nested inside the outer one: the outer loop still has no way out
func (s *Server) rowSweeper(xs [][]int) {
	go func() { // want "goroutine runs an endless for loop"
		for {
		rows:
			for _, row := range xs {
				for _, v := range row {
					if v < 0 {
						continue rows
					}
					_ = v
				}
			}
			time.Sleep(time.Second)
		}
	}()
}
