package wg

import "sync"

type job struct{ id int }

type dispatcher struct {
	wg    sync.WaitGroup
	queue chan job
}

// submit hands a job to workers that call wg.Done when it is finished.
func (d *dispatcher) submit(j job) { d.queue <- j }

// A goroutine counted by its starter (Add before go, deferred Done) may add for work it hands off:
// its own count is still held, so Wait cannot return before the Add.
func fetchAll(d *dispatcher, names []string) {
	var group sync.WaitGroup
	for range names {
		group.Add(1)
		go enqueue(d, 1, &group)
	}
	group.Wait()
}

func enqueue(d *dispatcher, id int, done *sync.WaitGroup) {
	defer done.Done()
	j := job{id: id}
	done.Add(1)
	d.submit(j)
}

// The same through a method whose receiver holds the WaitGroup.
func (d *dispatcher) start(ids []int) {
	for _, id := range ids {
		d.wg.Add(1)
		go d.relay(id)
	}
	d.wg.Wait()
}

func (d *dispatcher) relay(id int) {
	defer d.wg.Done()
	d.wg.Add(1)
	d.submit(job{id: id})
}

// A func literal counted before it starts, the Add made before its loop.
func literalCounted(d *dispatcher, ids []int) {
	var wg sync.WaitGroup
	wg.Add(len(ids))
	for _, id := range ids {
		go func() {
			defer wg.Done()
			wg.Add(1)
			d.submit(job{id: id})
		}()
	}
	wg.Wait()
}

// A func literal taking the WaitGroup as a parameter, Done at its end.
func literalParam(d *dispatcher, wg *sync.WaitGroup) {
	wg.Add(1)
	go func(w *sync.WaitGroup) {
		w.Add(1)
		d.submit(job{})
		w.Done()
	}(wg)
}

// Positives: the goroutine is not counted on that WaitGroup before it starts.

func countedElsewhere(d *dispatcher, other *sync.WaitGroup) {
	var wg sync.WaitGroup
	other.Add(1)
	go func() {
		defer other.Done()
		wg.Add(1) // want "wg.Add is called inside"
		defer wg.Done()
		d.submit(job{})
	}()
	wg.Wait()
}

func addedAfterStart(d *dispatcher, names []string) {
	var group sync.WaitGroup
	for range names {
		go enqueue(d, 2, &group) // want "done.Add is called inside"
		group.Add(1)
	}
	group.Wait()
}

func otherGroupPassed(d *dispatcher, a, b *sync.WaitGroup) {
	a.Add(1)
	go enqueue(d, 3, b) // want "done.Add is called inside"
}

// The held count is released before the Add: the counter may reach zero first.
func releasedFirst(d *dispatcher, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		wg.Done()
		wg.Add(1) // want "wg.Add is called inside"
		d.submit(job{})
		wg.Done()
	}()
	wg.Wait()
}

// An Add under a condition of the starter does not count the goroutine on every path.
func conditionalCount(d *dispatcher, ok bool) {
	var wg sync.WaitGroup
	if ok {
		wg.Add(1)
	}
	go func() {
		wg.Add(1) // want "wg.Add is called inside"
		defer wg.Done()
		d.submit(job{})
	}()
	wg.Wait()
}
