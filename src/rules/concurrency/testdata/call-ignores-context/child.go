package noctx

import (
	"context"
	"os/exec"
	"syscall"
)

// The child is stopped gracefully when ctx ends: SIGINT from a goroutine, which CommandContext's kill would not give.
func runChild(ctx context.Context, errs chan<- error) error {
	cmd := exec.Command("grafana", "server")
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		errs <- cmd.Process.Signal(syscall.SIGINT)
	}()
	return cmd.Wait()
}

// A goroutine waiting for ctx.Done() that does not touch the command does not stop it.
func runUnstopped(ctx context.Context, done chan<- struct{}) error {
	cmd := exec.Command("sync") // want "exec.Command cannot be cancelled"
	go func() {
		<-ctx.Done()
		close(done)
	}()
	return cmd.Run()
}
