package tool

import (
	"fmt"
	"os"
)

// A command package under cmd/: the CLI front end owns the process.
func Execute() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func helper() {
	os.Exit(2)
}

func run() error { return nil }
