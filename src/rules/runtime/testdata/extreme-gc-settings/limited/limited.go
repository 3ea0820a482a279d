package limited

import "runtime/debug"

// GC off / very high GOGC with a memory limit is the documented way to trade memory for CPU.
func tune() {
	debug.SetMemoryLimit(3 << 30)
	debug.SetGCPercent(-1)
	debug.SetGCPercent(2000)
	debug.SetGCPercent(10) // want "GC percent 10"
}
