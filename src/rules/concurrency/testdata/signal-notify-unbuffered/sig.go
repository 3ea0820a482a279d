package sig

import (
	"os"
	"os/signal"
	sg "os/signal"
	"syscall"
)

var globalSig = make(chan os.Signal)
var globalBuffered = make(chan os.Signal, 1)

type Server struct {
	sigCh  chan os.Signal
	stopCh chan os.Signal
}

func wait() {
	sig := make(chan os.Signal)
	signal.Notify(sig, syscall.SIGTERM) // want "signal.Notify with unbuffered channel sig"
	<-sig
}

func zeroCap() {
	c := make(chan os.Signal, 0)
	sg.Notify(c, os.Interrupt) // want "unbuffered channel c"
	<-c
}

func varDecl() {
	var c = make(chan os.Signal)
	signal.Notify(c) // want "unbuffered"
	<-c
}

func assignedLater() {
	var c chan os.Signal
	c = make(chan os.Signal)
	signal.Notify(c) // want "unbuffered"
	<-c
}

func global() {
	signal.Notify(globalSig, os.Interrupt) // want "unbuffered channel globalSig"
}

func inClosure() {
	c := make(chan os.Signal)
	go func() {
		signal.Notify(c, os.Interrupt) // want "unbuffered channel c"
	}()
	<-c
}

func NewServer() *Server {
	return &Server{sigCh: make(chan os.Signal)}
}

func (s *Server) watch() {
	signal.Notify(s.sigCh, syscall.SIGHUP) // want "unbuffered channel s.sigCh"
}

// An inline channel is received by nobody: pointless, but no signal is lost to a reader (go vet agrees).
func inline() {
	signal.Notify(make(chan os.Signal), os.Interrupt)
}

// A function value bound to signal.Notify is the same call.
func viaValue() {
	c := make(chan os.Signal)
	notify := signal.Notify
	notify(c, os.Interrupt) // want "unbuffered channel c"
}

// Negatives.

func buffered() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM)
	<-sig
}

func bufferedByConst() {
	const n = 2
	sig := make(chan os.Signal, n)
	signal.Notify(sig, syscall.SIGTERM)
	<-sig
}

func reassignedBuffered() {
	sig := make(chan os.Signal)
	sig = make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM)
}

func globalOK() {
	signal.Notify(globalBuffered, os.Interrupt)
}

func param(c chan os.Signal) {
	signal.Notify(c, os.Interrupt)
}

func fromFunc(mk func() chan os.Signal) {
	c := mk()
	signal.Notify(c, os.Interrupt)
}

func (s *Server) stop() {
	s.stopCh = make(chan os.Signal, 1)
	signal.Notify(s.stopCh, os.Interrupt)
}

type notifier struct{}

func (notifier) Notify(c chan os.Signal, s ...os.Signal) {}

func notSignal(n notifier) {
	c := make(chan os.Signal)
	n.Notify(c)
}

func shadowed() {
	signal := notifier{}
	c := make(chan os.Signal)
	signal.Notify(c)
}
