// A one-shot command a human runs: a stalled server hangs this run, which its user sees and interrupts.
package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"example.com/x/internal/changelog"
	"example.com/x/internal/feeds"
)

func main() {
	root := &cobra.Command{
		Use: "release-notes",
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, u := range args {
				b, err := changelog.Fetch(cmd.Context(), u)
				if err != nil {
					return err
				}
				fmt.Println(string(b), feeds.Latest(context.Background(), u))
			}
			return nil
		},
	}
	_ = root.Execute()
}
