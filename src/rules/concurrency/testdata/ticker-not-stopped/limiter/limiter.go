package limiter

import (
	"sync"
	"time"
)

// Limiter prunes its table every minute for as long as the process runs.
type Limiter struct {
	mu      sync.Mutex
	visitor map[string]time.Time
}

// New is called once, from main: its cleanup ticker is created once and lives as long as the process.
func New() *Limiter {
	l := &Limiter{visitor: map[string]time.Time{}}
	go l.pollCleanup()
	return l
}

func (l *Limiter) pollCleanup() {
	ticker := time.NewTicker(time.Minute)
	for range ticker.C {
		l.mu.Lock()
		for k, seen := range l.visitor {
			if time.Since(seen) > time.Hour {
				delete(l.visitor, k)
			}
		}
		l.mu.Unlock()
	}
}

// PerRequest is called for every request: each call leaks a ticker (before Go 1.23).
func PerRequest(f func()) {
	t := time.NewTicker(time.Second) // want "ticker t is never stopped"
	for range t.C {
		f()
	}
}
