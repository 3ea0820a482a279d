package main

import (
	"testing"

	"github.com/acme/retry"
)

func BenchmarkRetry(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = retry.Do(func() error { return nil })
	}
}
