package util

import "testing"

func TestOnly(t *testing.T) {
	OnlyTests("http://localhost")
}
