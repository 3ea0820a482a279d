//go:build e2e

// Only built with -tags e2e: test support (build constraint).
package cache

import "os"

func Reset() {
	if err := os.RemoveAll("/tmp/cache"); err != nil {
		os.Exit(1) // not reported: //go:build e2e
	}
}
