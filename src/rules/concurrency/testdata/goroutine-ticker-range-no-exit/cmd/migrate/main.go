// A one-shot command-line program: it migrates once and exits.
package main

import (
	"context"
	"os"

	"github.com/urfave/cli/v2"

	"example.com/tickers/internal/progress"
)

func main() {
	app := &cli.App{
		Name: "migrate",
		Action: func(c *cli.Context) error {
			progress.Report(context.Background(), "migrating")
			return nil
		},
	}
	_ = app.Run(os.Args)
}
