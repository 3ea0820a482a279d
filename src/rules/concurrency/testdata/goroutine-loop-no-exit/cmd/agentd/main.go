// A daemon whose command-line framework runs its action once: the agent it builds lives as long as the process.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/urfave/cli/v2"

	"example.com/loops/agent"
)

func main() {
	app := &cli.App{Name: "agentd"}
	app.Action = func(c *cli.Context) error {
		ctx, cancel := context.WithCancel(c.Context)
		defer cancel()
		interrupts := make(chan os.Signal, 1)
		signal.Notify(interrupts, os.Interrupt)
		go func() {
			for range interrupts {
				cancel()
			}
		}()
		a := agent.New(ctx)
		return a.Serve(ctx)
	}
	_ = app.Run(os.Args)
}
