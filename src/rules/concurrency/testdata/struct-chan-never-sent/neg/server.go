package neg

type Server struct {
	quit    chan struct{}
	events  chan string
	ready   chan bool
	handoff chan int
	fromNew chan int
	nested  struct{ inner chan int }
	testHook chan struct{}
}

func NewServer(ch chan int) *Server {
	return &Server{quit: make(chan struct{}), events: make(chan string), fromNew: ch}
}

func (s *Server) run() {
	for {
		select {
		case <-s.quit:
			return
		case e := <-s.events:
			_ = e
		case <-s.ready:
		case <-s.fromNew:
		case <-s.nested.inner:
		case <-s.testHook:
		}
	}
}

// The channel is handed to the caller, who may send on it.
func (s *Server) Handoff() chan int {
	return s.handoff
}

func (s *Server) wait() int {
	return <-s.handoff
}
