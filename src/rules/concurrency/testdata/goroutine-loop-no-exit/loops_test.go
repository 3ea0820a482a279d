package loops

import (
	"testing"
	"time"
)

func TestLoop(t *testing.T) {
	go func() {
		for {
			time.Sleep(time.Second)
		}
	}()
}
