package inproc

import (
	"context"
	"net"

	"google.golang.org/grpc"
)

// A unix socket through net.ListenConfig: local IPC, not reported.
func serveHelper(ctx context.Context, path string) error {
	lc := &net.ListenConfig{}
	l, err := lc.Listen(ctx, "unix", path)
	if err != nil {
		return err
	}
	s := grpc.NewServer()
	go func() { _ = s.Serve(l) }()
	return nil
}

// The same with the config written inline.
func serveInline(ctx context.Context, path string) error {
	l, err := (&net.ListenConfig{}).Listen(ctx, "unix", path)
	if err != nil {
		return err
	}
	s := grpc.NewServer()
	return s.Serve(l)
}

// TCP through a ListenConfig: reported.
func serveTCPConfig(ctx context.Context, addr string) error {
	var lc net.ListenConfig
	l, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	s := grpc.NewServer() // want "without KeepaliveParams"
	return s.Serve(l)
}
