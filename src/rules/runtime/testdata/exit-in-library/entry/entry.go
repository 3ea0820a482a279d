package entry

import (
	"fmt"
	"os"
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

func serve(string) error { return nil }
