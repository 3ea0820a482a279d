package server

import (
	"testing"

	"github.com/acme/dump"
)

func TestDial(t *testing.T) { t.Log(dump.Sdump(Dial())) }
