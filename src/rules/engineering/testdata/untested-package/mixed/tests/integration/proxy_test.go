package integration

import (
	"testing"

	"example.com/app/internal/proxy"
)

func TestProxy(t *testing.T) { _ = proxy.F0 }
