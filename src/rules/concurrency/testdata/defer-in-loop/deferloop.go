package deferloop

import (
	"context"
	"time"
	"database/sql"
	"os"
	"sync"
)

func sizes(paths []string) (int64, error) {
	var n int64
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return 0, err
		}
		defer f.Close() // want "defer f.Close inside a loop runs only when sizes returns"
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		n += st.Size()
	}
	return n, nil
}

func lockEach(mu *sync.Mutex, items []int) {
	for i := range items {
		mu.Lock()
		defer mu.Unlock() // want "defer mu.Unlock inside a loop"
		items[i]++
	}
}

func nestedBlock(db *sql.DB, n int) error {
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			tx, err := db.Begin()
			if err != nil {
				return err
			}
			defer tx.Rollback() // want "defer tx.Rollback"
		}
	}
	return nil
}

func inLiteral(paths []string) func() {
	return func() {
		for _, p := range paths {
			f, _ := os.Open(p)
			defer f.Close() // want "runs only when the enclosing function literal returns"
		}
	}
}

func deferredClosure(paths []string) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer func() { // want "defer func literal \\(f.Close\\) inside a loop"
			f.Close()
		}()
	}
}

func tempDirs(n int) {
	for i := 0; i < n; i++ {
		d, _ := os.MkdirTemp("", "x")
		defer os.RemoveAll(d) // want "defer os.RemoveAll"
	}
}

func conditionalReturnAfter(paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want "defer f.Close"
		if p == "stop" {
			return nil
		}
	}
	return nil
}

// Negatives.

func perIteration(paths []string) error {
	for _, p := range paths {
		err := func() error {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.Stat()
			return err
		}()
		if err != nil {
			return err
		}
	}
	return nil
}

// The first openable path wins: the defer runs at most once.
func firstExisting(paths []string) (*os.FileInfo, error) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		st, err := f.Stat()
		return &st, err
	}
	return nil, os.ErrNotExist
}

func breakAfter(paths []string) {
	for _, p := range paths {
		if f, err := os.Open(p); err == nil {
			defer f.Close()
			break
		}
	}
}

func nestedBreakAfter(paths []string) {
loop:
	for _, p := range paths {
		for i := 0; i < 2; i++ {
			f, err := os.Open(p)
			if err != nil {
				continue
			}
			defer f.Close()
			break loop
		}
	}
}

func notInLoop(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	for i := 0; i < 3; i++ {
		_ = i
	}
	return nil
}

func goroutinePerIteration(paths []string, wg *sync.WaitGroup) {
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, _ := os.Open(p)
			defer f.Close()
		}()
	}
}

// Only registers cleanups for values that already exist.
func cleanup(dirs []string) {
	for _, d := range dirs {
		defer os.RemoveAll(d)
	}
}

type logger struct{}

func (logger) Close() error { return nil }

func closeOld(old map[string]*logger) {
	for _, l := range old {
		if l != nil {
			defer l.Close()
		}
	}
}

// The range variable was not acquired by the loop: deliberate lock-all / close-all.
func lockAll(mus []*sync.Mutex, f func()) {
	for _, mu := range mus {
		mu.Lock()
		defer mu.Unlock()
	}
	f()
}

// Resources collected on purpose and used after the loop.
func openAll(paths []string) ([]*os.File, error) {
	var files []*os.File
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		files = append(files, f)
	}
	return files, nil
}

func storeAll(paths []string, byName map[string]*os.File) {
	for _, p := range paths {
		f, _ := os.Open(p)
		defer func() {
			f.Close()
		}()
		byName[p] = f
	}
}

func perRequestTimeout(ctx context.Context, urls []string, get func(context.Context, string)) {
	for _, u := range urls {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want "defer cancel inside a loop"
		get(c, u)
	}
}

// A deferred closure that releases nothing: deliberately postponed until after the loop.
func postpone(groups []int) []int {
	for i := range groups {
		if i == 0 {
			defer func() {
				groups = append([]int{0}, groups...)
			}()
		}
		groups[i]++
	}
	return groups
}

// Releasing collection elements: they are used after the loop.
func variants(args []any, vargs []int, call func([]int)) {
	for n := range args {
		vargs[n] = alloc()
		defer clear(&vargs[n])
	}
	call(vargs)
}

func closeConns(conns []*os.File, n int) {
	for i := 0; i < n; i++ {
		conns[i], _ = os.Open("x")
		defer conns[i].Close()
	}
}

func alloc() int   { return 0 }
func clear(p *int) {}

// The defer is a safety net for early returns; each iteration closes explicitly.
func safetyNet(paths []string) error {
	for _, p := range paths {
		w, err := os.Create(p)
		if err != nil {
			return err
		}
		closed := false
		defer func() {
			if !closed {
				w.Close()
			}
		}()
		if _, err := w.WriteString("x"); err != nil {
			return err
		}
		w.Close()
		closed = true
	}
	return nil
}

type listener interface {
	Addr() string
	Close() error
}

func listen(addr string) (listener, error) { return nil, nil }

// Every listener stays open until all ports are allocated, so that no port is handed out twice.
func allocatePorts(count int) ([]string, error) {
	var ports []string
	for len(ports) < count {
		li, err := listen("127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		port := li.Addr()
		defer li.Close()
		ports = append(ports, port)
	}
	return ports, nil
}

// A fixed handful of attempts.
func probeThree(addr string) {
	for i := 0; i < 3; i++ {
		li, err := listen(addr)
		if err != nil {
			continue
		}
		defer li.Close()
		_ = li.Addr()
	}
}

// positives: counting to a caller's number without collecting, or to a large constant

func openMany(n int) {
	for i := 0; i < n; i++ {
		li, _ := listen("127.0.0.1:0")
		defer li.Close() // want "defer li.Close inside a loop"
		_ = li.Addr()
	}
}

func openThousand() {
	for i := 0; i < 1000; i++ {
		li, _ := listen("127.0.0.1:0")
		defer li.Close() // want "defer li.Close inside a loop"
		_ = li.Addr()
	}
}

func collectUnrelated(paths []string, want int) []string {
	var names []string
	for len(paths) < want {
		li, _ := listen("127.0.0.1:0")
		defer li.Close() // want "defer li.Close inside a loop"
		name := li.Addr()
		names = append(names, name)
	}
	return names
}
