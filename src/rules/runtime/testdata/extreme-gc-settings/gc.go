package gc

import (
	"os"
	"runtime/debug"
)

const lowGC = 10

// ---- positives ----

func tooLow() {
	debug.SetGCPercent(5) // want "GC percent 5 makes the collector run about 20x as often"
}

func zero() {
	debug.SetGCPercent(0) // want "almost continuously"
}

func constLow() {
	debug.SetGCPercent(lowGC) // want "GC percent 10"
}

func tooHigh() {
	debug.SetGCPercent(5000) // want "heap grow to 51x the live data"
}

func off() {
	debug.SetGCPercent(-1) // want "the GC is disabled"
}

func setenv() {
	os.Setenv("GOGC", "50") // want `os.Setenv\("GOGC", ...\) has no effect on this process`
	os.Setenv("GOMEMLIMIT", "1GiB") // want "use debug.SetMemoryLimit"
}

// ---- negatives ----

func normal() {
	debug.SetGCPercent(100)
	debug.SetGCPercent(25)
	debug.SetGCPercent(1000)
}

func variable(n int) {
	debug.SetGCPercent(n)
}

func pause(work func()) {
	old := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(old)
	work()
}

func otherEnv() {
	os.Setenv("GODEBUG", "madvdontneed=1")
	os.Setenv("APP_MODE", "prod")
}

type fakeDebug struct{}

func (fakeDebug) SetGCPercent(int) int { return 0 }

func shadowed() {
	debug := fakeDebug{}
	debug.SetGCPercent(1)
}

func mirrored(n int) {
	debug.SetGCPercent(n)
	os.Setenv("GOGC", "off")
}
