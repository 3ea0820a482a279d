package tickers

import (
	"testing"
	"time"
)

// Test files are not checked by this rule.
func TestTick(t *testing.T) {
	tk := time.NewTicker(time.Millisecond)
	<-tk.C
}
