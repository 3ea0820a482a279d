package loops

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"time"
)

type Server struct {
	work chan int
	done chan struct{}
}

func (s *Server) Start() {
	go func() { // want "goroutine runs an endless for loop"
		for {
			time.Sleep(time.Second)
			log.Println("tick")
		}
	}()
}

func (s *Server) StartWorkers() {
	go s.worker() // want "goroutine worker runs an endless for loop"
	go process(s.work) // want "goroutine process runs an endless for loop"
}

func (s *Server) worker() {
	for {
		v := <-s.work
		_ = v
	}
}

func process(in chan int) {
	for {
		select {
		case v := <-in:
			_ = v
		case <-time.After(time.Second):
			continue
		}
	}
}

func selectBreakOnlySelect(ctx context.Context, in chan int) {
	go func() { // want "endless for loop"
		for {
			select {
			case <-ctx.Done():
				break // leaves the select, not the loop
			case <-in:
			}
		}
	}()
}

func forClauseNoCond(ctx context.Context, in chan int) {
	go func() { // want "endless"
		for i := 0; ; i++ {
			<-in
		}
	}()
}

func innerSwitchBreak(ctx context.Context, in chan int) {
	go func() { // want "endless"
		for {
			switch <-in {
			case 0:
				break
			}
		}
	}()
}

func nestedLoop(done <-chan struct{}, in chan int) {
	go func() { // want "endless"
		for v := range in {
			_ = v
			for {
				time.Sleep(time.Millisecond)
			}
		}
	}()
}

// A goroutine per HTTP request that outlives it.
func handler(w http.ResponseWriter, r *http.Request) {
	go func() { // want "although r.Context\(\) is in scope"
		for {
			time.Sleep(time.Second)
		}
	}()
}

// A component whose Close does something: the loop ignores it.
type poller struct{ conn io.Closer }

func (p *poller) Start() {
	go p.poll() // want "although \(\*poller\).Close is in scope"
}

func (p *poller) poll() {
	for {
		time.Sleep(time.Second)
	}
}

func (p *poller) Close() error { return p.conn.Close() }

// A read whose error is only logged: once the subscription breaks the loop spins (matterbridge keybase).
type subscription interface {
	Read() (string, error)
}

type keybase struct{ out chan string }

func (b *keybase) handle(sub subscription) {
	go func() { // want "only logs the error of Read"
		for {
			msg, err := sub.Read()
			if err != nil {
				log.Printf("failed to read message: %s", err)
			}
			if msg == "" {
				continue
			}
			b.out <- msg
		}
	}()
}

func (b *keybase) Disconnect() error { return nil }

// An accept loop that continues on every error spins once the listener is closed, even when started from main's helpers.
func serve(l net.Listener) {
	go func() { // want "only logs the error of Accept"
		for {
			c, err := l.Accept()
			if err != nil {
				log.Println(err)
				continue
			}
			_ = c.Close()
		}
	}()
}

// Negatives.

// A process-lifetime bridge: nothing can stop it (Disconnect is a no-op), so a loop that cannot stop mirrors its owner.
type bridge struct{ events chan string }

func (b *bridge) Connect() error {
	go b.receive()
	return nil
}

func (b *bridge) receive() {
	for {
		e := <-b.events
		log.Println(e)
	}
}

func (b *bridge) Disconnect() error { return nil }

// A free function with no stop mechanism in scope.
func pump(in chan int) {
	go func() {
		for {
			<-in
		}
	}()
}

// A read error followed by a back-off is a retry loop, not a spin (and nothing can stop it).
func (b *bridge) queue(sub subscription) {
	go func() {
		for {
			msg, err := sub.Read()
			if err != nil {
				log.Println(err)
				time.Sleep(10 * time.Second)
				continue
			}
			b.events <- msg
		}
	}()
}

// The error of a non-read call (processing, not the loop's input) does not spin: the input receive blocks.
func (b *bridge) process(in chan string) {
	go func() {
		for {
			v := <-in
			err := handleOne(v)
			if err != nil {
				log.Println(err)
			}
		}
	}()
}

func handleOne(string) error { return nil }

func (s *Server) StartCancellable(ctx context.Context) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case v := <-s.work:
				_ = v
			}
		}
	}()
}

func rangeChannel(in chan int) {
	go func() {
		for v := range in {
			_ = v
		}
	}()
}

func conditional(s *Server) {
	go func() {
		for s.running() {
			time.Sleep(time.Second)
		}
	}()
}

func (s *Server) running() bool { return true }

func labelledBreak(done chan struct{}) {
	go func() {
	loop:
		for {
			select {
			case <-done:
				break loop
			default:
			}
		}
		log.Println("stopped")
	}()
}

func plainBreak(in chan int) {
	go func() {
		for {
			v, ok := <-in
			if !ok {
				break
			}
			_ = v
		}
	}()
}

func withGoto(in chan int) {
	go func() {
		for {
			if <-in == 0 {
				goto end
			}
		}
	end:
	}()
}

func exits(in chan int) {
	go func() {
		for {
			if <-in == 0 {
				os.Exit(1)
			}
		}
	}()
	go func() {
		for {
			if <-in == 0 {
				log.Fatal("bad")
			}
		}
	}()
	go func() {
		for {
			if <-in == 0 {
				panic("bad")
			}
		}
	}()
	go func() {
		for {
			if <-in == 0 {
				runtime.Goexit()
			}
		}
	}()
}

func acceptLoop(accept func() (int, error)) {
	go func() {
		for {
			c, err := accept()
			if err != nil {
				return
			}
			_ = c
		}
	}()
}

// The endless loop lives in a nested function literal that may never run.
func nestedLiteral(in chan int) {
	go func() {
		f := func() {
			for {
				<-in
			}
		}
		_ = f
	}()
}

// Not a goroutine.
func notGoroutine(in chan int) {
	for {
		<-in
	}
}

// Unknown target: declared elsewhere.
func unknownTarget(in chan int) {
	go elsewhere(in)
	go log.Println("x")
}

func elsewhere(in chan int)

func init() {
	go func() {
		for {
			time.Sleep(time.Hour)
		}
	}()
}

type onceT struct{}

func (onceT) Do(f func()) { f() }

var reaperOnce onceT

// A singleton worker started once for the process.
func startReaper() {
	reaperOnce.Do(func() {
		go func() {
			for {
				time.Sleep(time.Second)
			}
		}()
	})
}

// the inner loop leaves through `continue outer`; the outer one returns on done
func (s *Server) scheduler(done <-chan struct{}, tick <-chan time.Time, next func() bool) {
	go func() {
	outer:
		for {
			select {
			case <-done:
				return
			case <-tick:
				for {
					if !next() {
						continue outer
					}
				}
			}
		}
	}()
}

// `continue outer` leaves the inner loop, but the outer loop has no way out
func (s *Server) spinner(tick <-chan time.Time, next func() bool) {
	go func() { // want "goroutine runs an endless for loop"
	outer:
		for {
			<-tick
			for {
				if !next() {
					continue outer
				}
			}
		}
	}()
}

// `continue rows` names a loop nested inside the outer one: the outer loop still has no way out
func (s *Server) rowSweeper(xs [][]int) {
	go func() { // want "goroutine runs an endless for loop"
		for {
		rows:
			for _, row := range xs {
				for _, v := range row {
					if v < 0 {
						continue rows
					}
					_ = v
				}
			}
			time.Sleep(time.Second)
		}
	}()
}

// Accept loops on a listener nobody else holds. Only a Close makes Accept fail for good; here the only Close is the
// goroutine's own defer, which runs after the loop, so a failed Accept is transient and the loop does not spin.
func serveSocket(path string) {
	l, err := net.Listen("unix", path)
	if err != nil {
		return
	}
	go func() {
		defer l.Close()
		for {
			c, err := l.Accept()
			if err != nil {
				log.Println(err)
				continue
			}
			go func() { _ = c.Close() }()
		}
	}()
}

// the listener is opened inside the goroutine and never closed
func listenInside(addr string) {
	go func() {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			return
		}
		for {
			c, err := l.Accept()
			if err != nil {
				log.Printf("accept on %s: %v", l.Addr(), err)
				continue
			}
			_ = c.Close()
		}
	}()
}

// the starter closes the listener when it returns, right after starting the goroutine: every Accept then fails
func serveBriefly(path string) {
	l, err := net.Listen("unix", path)
	if err != nil {
		return
	}
	defer l.Close()
	go func() { // want "only logs the error of Accept"
		for {
			c, err := l.Accept()
			if err != nil {
				log.Println(err)
				continue
			}
			_ = c.Close()
		}
	}()
}

// the listener is handed to a shutdown list: whoever walks it closes the listener under the loop
func serveRegistered(path string, closers *[]io.Closer) {
	l, err := net.Listen("unix", path)
	if err != nil {
		return
	}
	*closers = append(*closers, l)
	go func() { // want "only logs the error of Accept"
		for {
			c, err := l.Accept()
			if err != nil {
				log.Println(err)
				continue
			}
			_ = c.Close()
		}
	}()
}

// a connection is the goroutine's own too, but its peer can end it: every Read then fails with io.EOF
func readOwnConn(addr string) {
	go func() { // want "only logs the error of Read"
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return
		}
		defer c.Close()
		buf := make([]byte, 512)
		for {
			n, err := c.Read(buf)
			if err != nil {
				log.Println(err)
				continue
			}
			os.Stdout.Write(buf[:n])
		}
	}()
}
