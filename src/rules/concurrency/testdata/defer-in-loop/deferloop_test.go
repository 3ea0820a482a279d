package deferloop

import (
	"os"
	"testing"
)

func TestDefer(t *testing.T) {
	for _, p := range []string{"a"} {
		f, _ := os.Open(p)
		defer f.Close()
	}
}
