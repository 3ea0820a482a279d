package old

import "runtime/debug"

// Before Go 1.19 there is no SetMemoryLimit, so GC off is always unbounded.
func off() {
	debug.SetGCPercent(-1) // want "the GC is disabled"
}
