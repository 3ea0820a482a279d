package main

import (
	"testing"

	"github.com/upstream/golden"
)

func TestRouter(t *testing.T) { golden.Check(t, "router") }
