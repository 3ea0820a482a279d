// A cobra command of a CLI: the command returns and the process exits, releasing what the loop deferred.
package app

import (
	"os"

	"github.com/spf13/cobra"
)

func NewCmdResults() *cobra.Command {
	return &cobra.Command{
		Use: "results",
		Run: func(cmd *cobra.Command, args []string) {
			printAll(args)
		},
	}
}

func printAll(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return
		}
		defer f.Close()
	}
}

// an endless loop still accumulates defers until the process ends
func follow(next func() string) {
	for {
		f, err := os.Open(next())
		if err != nil {
			continue
		}
		defer f.Close() // want "defer f.Close inside a loop"
	}
}
