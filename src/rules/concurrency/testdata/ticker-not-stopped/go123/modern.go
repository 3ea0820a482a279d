package modern

import "time"

// go 1.23+: a local ticker is collected once its function returns, and in use while its loop runs
func forever(f func()) {
	t := time.NewTicker(time.Second)
	for range t.C {
		f()
	}
}

func untilDone(done <-chan struct{}, f func()) {
	t := time.NewTicker(time.Second)
	for {
		select {
		case <-done:
			return
		case <-t.C:
			f()
		}
	}
}

func discarded(f func()) {
	for range time.NewTicker(time.Second).C {
		f()
	}
}
