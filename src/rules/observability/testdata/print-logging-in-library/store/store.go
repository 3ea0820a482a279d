package store

import (
	"errors"
	"fmt"
	f "fmt"
	"io"
	stdlog "log"
	"log/slog"
	"os"
)

var errNotFound = errors.New("not found")

type Store struct {
	log   *slog.Logger
	debug bool
	w     io.Writer
}

func (s *Store) Get(key string) error {
	if key == "" {
		fmt.Printf("empty key: %v\n", errNotFound) // want "fmt.Printf in library package store writes unstructured output to stdout while this module logs with (zap|log/slog)"
		return errNotFound
	}
	fmt.Println("get", key)             // want "fmt.Println in library package store"
	fmt.Print("get ", key, "\n")        // want "fmt.Print in library"
	f.Printf("aliased %s\n", key)       // want "fmt.Printf in library"
	fmt.Fprintf(os.Stdout, "%s\n", key) // want "fmt.Fprintf in library"
	stdlog.Printf("get %s", key)        // want "log.Printf in library package store uses the standard log package"
	stdlog.Println("get", key)          // want "log.Println in library"
	stdlog.Print("get")                 // want "log.Print in library"
	go func() {
		fmt.Println("async") // want "fmt.Println in library"
	}()
	return nil
}

// Writers other than stdout, string formatting and fatal logging are not reported.
func (s *Store) Fine(key string) error {
	fmt.Fprintf(os.Stderr, "warning: %s\n", key)
	fmt.Fprintln(s.w, key)
	msg := fmt.Sprintf("key %s", key)
	s.log.Info(msg)
	if key == "boom" {
		stdlog.Fatalf("fatal: %s", key)
	}
	return fmt.Errorf("wrapped: %w", errNotFound)
}

// Last words right before the process or goroutine ends are not rerouted to a logger.
func (s *Store) MustOpen(key string) {
	if err := s.open(key); err != nil {
		fmt.Println("cannot open store:", err)
		panic(err)
	}
	if key == "exit" {
		stdlog.Printf("giving up on %s", key)
		// the caller asked for it
		os.Exit(2)
	}
}

// A print followed by anything else is still reported, even when a terminator comes later.
func (s *Store) MustOpenLater(key string) {
	if err := s.open(key); err != nil {
		fmt.Println("cannot open store:", err) // want "fmt.Println in library"
		s.log.Error("open", "err", err)
		panic(err)
	}
	fmt.Println("opened") // want "fmt.Println in library"
	s.exit(1)
}

func (s *Store) open(string) error { return nil }
func (s *Store) exit(int)          {}

// Opt-in debug output is deliberate.
func (s *Store) Trace(key string) {
	if s.debug {
		fmt.Printf("trace %s\n", key)
	}
	if os.Getenv("STORE_VERBOSE") != "" {
		fmt.Println("verbose", key)
	}
}

// Functions whose job is printing.
func (s *Store) PrintTree() {
	fmt.Println("root")
}

func dumpState(st map[string]string) {
	for k, v := range st {
		fmt.Printf("%s=%s\n", k, v)
	}
}

func printVersion() { fmt.Println("v1") }

var Quiet bool

// Returns early when quiet: a startup banner the user can silence.
func OnStartup(addr string) {
	if Quiet {
		return
	}
	fmt.Print("listening on " + addr + "\n")
}

type printer struct{}

func (printer) Println(a ...any) {}
func (printer) Printf(format string, a ...any) {}

func shadowed() {
	fmt := printer{}
	fmt.Println("not the fmt package")
	log := printer{}
	log.Printf("not the log package")
}

// A helper is not a printing function: this is homegrown logging.
func helperLog(msg string) {
	fmt.Println("store:", msg) // want "fmt.Println in library"
}

func ShowHelp() { fmt.Println("usage: store [flags]") }
