package tickers

import (
	"log"
	"time"
)

type reloadEvent struct{ at time.Time }

// reloadValidator is started once by the constructor of a process-wide manager that has no way to be stopped:
// nothing is in scope to stop the goroutine with, so it lives as long as the process by design.
func reloadValidator(l *log.Logger, reload chan<- reloadEvent) {
	ticker := time.NewTicker(30 * time.Second)
	go func() {
		for now := range ticker.C {
			l.Println("validate")
			reload <- reloadEvent{at: now}
		}
	}()
}

type sessionManager struct{ reload chan reloadEvent }

func newSessionManager(l *log.Logger) *sessionManager {
	m := &sessionManager{reload: make(chan reloadEvent)}
	reloadValidator(l, m.reload)
	return m
}

// A free function that takes a stop channel it never reads is still reported.
func pollUntil(done <-chan struct{}) {
	t := time.NewTicker(time.Second)
	go func() { // want "goroutine ranges over t.C"
		for range t.C {
			log.Println("tick")
		}
	}()
}
