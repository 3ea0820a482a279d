package sig

import (
	"os"
	"os/signal"
	"syscall"
)

var handlers []func()

// HandleInterrupts runs the registered cleanup and exits: a deliberate process-lifecycle helper.
func HandleInterrupts() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM)
	go func() {
		<-ch
		for _, h := range handlers {
			h()
		}
		os.Exit(0)
	}()
}

type Server struct{}

func (s *Server) Shutdown() {}

func (s *Server) handleSignal(sig os.Signal) {
	if sig == syscall.SIGTERM {
		s.Shutdown()
		os.Exit(0)
	}
}
