package main

import (
	"context"
	"os/exec"
)

type command struct{}

func (command) Run(args []string) error      { return nil }
func (command) Serve(ctx context.Context) int { return 0 }

// Methods named Run/Serve/Start on non-server values are not server starts.
func main() {
	var c command
	c.Run(nil)
	c.Serve(context.Background())
	cmd := exec.Command("true")
	cmd.Start()
	cmd.Run()
}
