package modern

import "time"

func leak(f func()) {
	t := time.NewTicker(time.Second) // want "never stopped \\(collected once unreferenced since Go 1.23"
	for range t.C {
		f()
	}
}
