package dotflag

import (
	. "flag"
	"os"
)

// The flag package dot-imported: *FlagSet is still flag.FlagSet, so this is flag registration at start-up.
func RegisterFlags(f *FlagSet) {
	if f == nil {
		os.Exit(1)
	}
	Bool("verbose", false, "log more")
}

func Load(path string) {
	if path == "" {
		os.Exit(2) // want "os.Exit in library package dotflag"
	}
}
