package inproc

import (
	"net"

	"google.golang.org/grpc"
	"google.golang.org/grpc/test/bufconn"
)

type internalListener interface {
	net.Listener
	Dial() (net.Conn, error)
}

// An in-process gateway: the server and its in-memory listener live in fields set by the constructor.
type gateway struct {
	api      *grpc.Server
	apiLis   internalListener
	public   *grpc.Server
	publicLn net.Listener
}

func newInternalListener() internalListener {
	return bufconn.Listen(1 << 20)
}

func buildAPI() *grpc.Server {
	return grpc.NewServer(grpc.MaxRecvMsgSize(1 << 24))
}

func register(s *grpc.Server) {}

func (g *gateway) start() {
	api := buildAPI()
	g.api = api
	register(g.api)
	g.apiLis = newInternalListener()
	go func() { _ = g.api.Serve(g.apiLis) }()
}

func (g *gateway) stop() {
	if g.api != nil {
		g.api.GracefulStop()
	}
	_ = g.apiLis.Close()
}

// A field server on a field listener that is also set to a TCP listener: reported.
func (g *gateway) startPublic(addr string) error {
	g.public = grpc.NewServer() // want "without KeepaliveParams"
	g.publicLn = newInternalListener()
	if addr != "" {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			return err
		}
		g.publicLn = l
	}
	return g.public.Serve(g.publicLn)
}

type exposed struct {
	inner    *grpc.Server
	innerLis net.Listener
}

// Served on an in-memory listener here, but handed out by a getter: reported.
func (e *exposed) start() {
	e.inner = grpc.NewServer() // want "without KeepaliveParams"
	e.innerLis = bufconn.Listen(1024)
	go func() { _ = e.inner.Serve(e.innerLis) }()
}

func (e *exposed) Server() *grpc.Server { return e.inner }

type fromParam struct {
	srv *grpc.Server
	ln  net.Listener
}

// The listener field comes from a parameter: not followed, reported.
func newFromParam(l net.Listener) *fromParam {
	f := &fromParam{srv: grpc.NewServer(), ln: l} // want "without KeepaliveParams"
	go func() { _ = f.srv.Serve(f.ln) }()
	return f
}
