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

// A proxy process owned by a server: Close drains it with a signal, then kills it; CommandContext would skip the drain.
type proxyServer struct {
	cmd *exec.Cmd
	log *exec.Cmd
}

func (s *proxyServer) run(ctx context.Context) error {
	cmd := exec.Command("envoy", "-c", "bootstrap.yaml")
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmd = cmd
	return nil
}

func (s *proxyServer) Close() error {
	if s.cmd == nil || s.cmd.Process == nil {
		return nil
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	return s.cmd.Process.Kill()
}

// Kept in a field nobody stops: still uncancellable.
func (s *proxyServer) tail(ctx context.Context) error {
	cmd := exec.Command("tail", "-f", "envoy.log") // want "exec.Command cannot be cancelled"
	s.log = cmd
	return cmd.Start()
}

// Killed by the function itself after a deadline of its own.
func runWithWatchdog(ctx context.Context, stop <-chan struct{}) error {
	cmd := exec.Command("worker")
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() {
		<-stop
		_ = cmd.Process.Kill()
	}()
	return cmd.Wait()
}
