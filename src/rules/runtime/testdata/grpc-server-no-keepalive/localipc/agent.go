package localipc

import (
	"net"

	"google.golang.org/grpc"
)

// Served on a unix socket in the same function: local IPC, not reported.
func serveUnix(path string) error {
	s := grpc.NewServer(grpc.MaxRecvMsgSize(1 << 20))
	l, err := net.Listen("unix", path)
	if err != nil {
		return err
	}
	return s.Serve(l)
}

// Served on net.ListenUnix: not reported.
func serveListenUnix(addr *net.UnixAddr) error {
	s := grpc.NewServer()
	l, err := net.ListenUnix("unix", addr)
	if err != nil {
		return err
	}
	go func() { _ = s.Serve(l) }()
	return nil
}

type adminAPI struct {
	addr    net.Addr
	factory *listenerFactory
}

// The listener comes from a method of this package with one definition per platform (admin_unix.go,
// admin_windows.go): a unix socket or a named pipe, never the network. Not reported.
func (a *adminAPI) run() error {
	server := grpc.NewServer(grpc.MaxConcurrentStreams(10))
	l, err := a.createListener()
	if err != nil {
		return err
	}
	defer l.Close()
	errCh := make(chan error)
	go func() { errCh <- server.Serve(l) }()
	return <-errCh
}

type listenerFactory struct{}

func (f *listenerFactory) ListenUnix(network string, addr *net.UnixAddr) (net.Listener, error) {
	return net.ListenUnix(network, addr)
}

// TCP: reported.
func serveTCP(addr string) error {
	s := grpc.NewServer() // want "without KeepaliveParams"
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.Serve(l)
}

// The network is configured (unix or tcp): reported.
func serveConfigured(network, addr string) error {
	s := grpc.NewServer() // want "without KeepaliveParams"
	l, err := net.Listen(network, addr)
	if err != nil {
		return err
	}
	return s.Serve(l)
}

// One server on a unix socket and on TCP: reported.
func serveBoth(path, addr string) error {
	s := grpc.NewServer() // want "without KeepaliveParams"
	u, err := net.Listen("unix", path)
	if err != nil {
		return err
	}
	t, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	go func() { _ = s.Serve(u) }()
	return s.Serve(t)
}

// A helper whose listener is either a unix socket or TCP: reported.
func serveSwitch(unix bool, addr string) error {
	s := grpc.NewServer() // want "without KeepaliveParams"
	l, err := pickListener(unix, addr)
	if err != nil {
		return err
	}
	return s.Serve(l)
}

func pickListener(unix bool, addr string) (net.Listener, error) {
	if unix {
		return net.Listen("unix", addr)
	}
	return net.Listen("tcp", addr)
}

// Listeners from a range: not followed, reported.
func serveAll(ls []net.Listener) {
	s := grpc.NewServer() // want "without KeepaliveParams"
	for _, l := range ls {
		go func() { _ = s.Serve(l) }()
	}
}

// Stored in a field and served elsewhere: not followed, reported.
type holder struct{ srv *grpc.Server }

func (h *holder) init() {
	h.srv = grpc.NewServer() // want "without KeepaliveParams"
}
