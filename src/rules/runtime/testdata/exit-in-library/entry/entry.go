package entry

import (
	"flag"
	"fmt"
	"os"

	fs "github.com/spf13/pflag"
)

type Options struct{}

// RunShim is the whole main of a shim binary: exiting here is the point.
func RunShim(name string) {
	if err := serve(name); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func PluginMain() {
	os.Exit(0)
}

func (o Options) Run(f func() error) {
	if err := f(); err != nil {
		os.Exit(1)
	}
}

// Returns an error: a library function, exit is wrong here.
func Serve(name string) error {
	if name == "" {
		os.Exit(1) // want "os.Exit in library package entry"
	}
	return serve(name)
}

func Runtime() {
	os.Exit(4) // want "os.Exit in library package entry"
}

// Flag registration runs once at start-up: failing there is like a bad flag.
func (o *Options) RegisterFlags(f *flag.FlagSet) {
	host, err := os.Hostname()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	f.StringVar(new(string), "instance", host, "instance id")
}

func AddFlags(set *fs.FlagSet) {
	if set == nil {
		os.Exit(2)
	}
}

// A type named FlagSet from another package is not the flag package's.
type FlagSet struct{}

func Configure(f *FlagSet) {
	os.Exit(3) // want "os.Exit in library package entry"
}

func serve(string) error { return nil }
