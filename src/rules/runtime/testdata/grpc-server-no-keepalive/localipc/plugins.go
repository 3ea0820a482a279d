package localipc

import (
	"context"
	"errors"
	"net"

	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/test/bufconn"
)

// An in-memory listener: Accept hands over the server ends of net.Pipe connections.
type memListener struct{ conns chan net.Conn }

func newMemListener() *memListener { return &memListener{conns: make(chan net.Conn)} }

func (m *memListener) Accept() (net.Conn, error) {
	c, ok := <-m.conns
	if !ok {
		return nil, errors.New("closed")
	}
	return c, nil
}

func (m *memListener) Close() error   { close(m.conns); return nil }
func (m *memListener) Addr() net.Addr { return nil }

func (m *memListener) dial(context.Context, string) (net.Conn, error) {
	c, s := net.Pipe()
	m.conns <- s
	return c, nil
}

// Built by a constructor, served by the callers below on the in-memory listener and on the plugin broker's
// connection: not reported.
func newHostServer() *grpc.Server {
	return grpc.NewServer(grpc.MaxRecvMsgSize(4 << 20))
}

func startInMemory(server *grpc.Server) *memListener {
	ln := newMemListener()
	go func() { _ = server.Serve(ln) }()
	return ln
}

func loadBuiltin() *memListener {
	s := newHostServer()
	return startInMemory(s)
}

type hostPlugin struct{}

func (p *hostPlugin) GRPCClient(ctx context.Context, b *plugin.GRPCBroker, c *grpc.ClientConn) (any, error) {
	listener, err := b.Accept(1)
	if err != nil {
		return nil, err
	}
	server := newHostServer()
	go func() { _ = server.Serve(listener) }()
	return nil, nil
}

// bufconn: not reported.
func inProcess() *bufconn.Listener {
	l := bufconn.Listen(1 << 20)
	s := grpc.NewServer()
	go func() { _ = s.Serve(l) }()
	return l
}

// Returned to callers that serve it on the in-memory listener and on TCP: reported.
func newSharedServer() *grpc.Server {
	return grpc.NewServer() // want "without KeepaliveParams"
}

func useShared(addr string) error {
	a := newSharedServer()
	startInMemory(a)
	b := newSharedServer()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return b.Serve(l)
}

// Exported: other packages may serve it on the network, reported even though this package serves it in memory.
func NewPluginServer() *grpc.Server {
	return grpc.NewServer() // want "without KeepaliveParams"
}

func loadExported() *memListener {
	return startInMemory(NewPluginServer())
}
