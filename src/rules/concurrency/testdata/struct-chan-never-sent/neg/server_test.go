package neg

import "testing"

// Only a test sends on the hook: a test seam, not a hang.
func TestHook(t *testing.T) {
	s := NewServer(nil)
	s.testHook = make(chan struct{}, 1)
	s.testHook <- struct{}{}
}
