package pos

import "time"

type Worker struct {
	stop    chan struct{}
	results chan int
	jobs    chan int
	Public  chan int
	in      <-chan int
	polled  chan int
}

func New(in <-chan int) *Worker {
	w := &Worker{stop: make(chan struct{}), in: in}
	w.results = make(chan int, 10)
	go w.loop()
	return w
}

func (w *Worker) loop() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-w.stop: // want "Worker.stop is waited on in this select, but no file of package pos sends on it or closes it: the case never fires"
			return
		case <-t.C:
		case v := <-w.in:
			_ = v
		}
	}
}

// Public is exported: another package may send on it.
func (w *Worker) drainPublic() {
	for v := range w.Public {
		_ = v
	}
}

// Only polled, never waited on: nothing hangs.
func (w *Worker) poll() int {
	select {
	case v := <-w.polled:
		return v
	default:
		return 0
	}
}

// Close forgets to close w.stop.
func (w *Worker) Close() {
	if len(w.results) > 0 && w.jobs != nil {
		return
	}
}
