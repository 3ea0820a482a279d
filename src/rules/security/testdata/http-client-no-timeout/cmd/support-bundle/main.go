// A command a human runs, which catches Ctrl-C itself (to cancel a context its requests do not carry): a stalled
// server hangs it and Ctrl-C no longer ends it, so its requests are still reported.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"example.com/x/internal/bundle"
)

func main() {
	root := &cobra.Command{
		Use: "support-bundle",
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, cancel := context.WithCancel(cmd.Context())
			defer cancel()
			sigs := make(chan os.Signal, 1)
			signal.Notify(sigs, os.Interrupt)
			go func() {
				<-sigs
				cancel()
			}()
			return bundle.Collect(ctx, args)
		},
	}
	_ = root.Execute()
}
