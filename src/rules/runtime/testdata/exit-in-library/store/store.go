package store

import (
	"fmt"
	"log"
	"os"

	"github.com/sirupsen/logrus"
	"k8s.io/klog/v2"
	zlog "github.com/rs/zerolog/log"
	"go.uber.org/zap"
)

func Open(path string) *os.File {
	f, err := os.Open(path)
	if err != nil {
		log.Fatalf("open %s: %v", path, err) // want "log.Fatalf in library package store terminates the process"
	}
	return f
}

func Check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1) // want "os.Exit in library package store"
	}
}

func K(err error) {
	klog.Fatalf("bad: %v", err) // want "klog.Fatalf"
	klog.Exit("bye")            // want "klog.Exit"
}

func L(err error) {
	logrus.Fatal(err) // want "logrus.Fatal"
}

func Z(err error) {
	zlog.Fatal().Err(err).Msg("bad") // want "zerolog/log.Fatal"
}

func init() {
	if os.Getenv("X") == "bad" {
		log.Fatal("bad env") // want "log.Fatal"
	}
}

// ---- negatives ----

func Panics(err error) {
	log.Panicf("recoverable: %v", err)
}

func ZapMethod(l *zap.Logger) {
	l.Fatal("zap is a method, not matched")
}

func LocalLog() {
	log := fakeLog{}
	log.Fatal("shadowed")
}

type fakeLog struct{}

func (fakeLog) Fatal(string) {}

// The helper itself: its callers decide.
func Fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format, args...)
	os.Exit(1)
}

func MustLoad(path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	return b
}

func ExitWithError(code int, err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(code)
}
