package gc

import (
	"math"
	"runtime/debug"
)

func tinyLimit() {
	debug.SetMemoryLimit(8 << 20) // want "memory limit of 8 MiB"
}

func tinyLimitMul() {
	debug.SetMemoryLimit(int64(4 * 1024 * 1024)) // want "4 MiB"
}

func noLimit() {
	debug.SetMemoryLimit(math.MaxInt64)
}

func bigLimit() {
	debug.SetMemoryLimit(512 << 20)
}
