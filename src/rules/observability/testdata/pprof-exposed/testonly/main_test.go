package main

import (
	_ "net/http/pprof"
	"testing"
)

// pprof imported only by the test binary: the production binary does not carry the handlers.
func TestMain(t *testing.T) {}
