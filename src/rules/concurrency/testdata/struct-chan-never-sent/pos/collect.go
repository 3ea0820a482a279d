package pos

// The results channel is created and drained, but nothing in the package ever sends on it.
func (w *Worker) collect() []int {
	var out []int
	for v := range w.results { // want "Worker.results is received from here, but no file of package pos sends on it or closes it: this receive blocks forever"
		out = append(out, v)
	}
	return out
}

func (w *Worker) next() int {
	return <-w.jobs // want "Worker.jobs is received from here"
}

// A receive outside the select is reported before the select case.
type pair struct{ done chan struct{} }

func (p *pair) both(ch chan int) {
	select {
	case <-p.done:
	case <-ch:
	}
}

func (p *pair) wait() {
	<-p.done // want "pair.done is received from here"
}
