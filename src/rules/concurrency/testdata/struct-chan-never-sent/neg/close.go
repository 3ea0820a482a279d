package neg

// Closed and sent on in another file of the package.
func (s *Server) Stop() {
	close(s.quit)
}

func (s *Server) publish(e string) {
	select {
	case s.events <- e:
	default:
	}
}

func (s *Server) markReady() {
	ch := s.ready
	ch <- true
}

func (s *Server) feed(v int) {
	s.nested.inner <- v
}
