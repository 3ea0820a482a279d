package srv

import (
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc"
)

func bare() *grpc.Server {
	return grpc.NewServer() // want "grpc.NewServer without KeepaliveParams or KeepaliveEnforcementPolicy"
}

func direct(c credentials.TransportCredentials) *grpc.Server {
	return grpc.NewServer(grpc.Creds(c), grpc.StatsHandler(otelgrpc.NewServerHandler()), grpc.MaxRecvMsgSize(1<<20)) // want "without KeepaliveParams"
}

func localSlice(c credentials.TransportCredentials) *grpc.Server {
	opts := []grpc.ServerOption{grpc.Creds(c)}
	opts = append(opts, grpc.MaxConcurrentStreams(100))
	return grpc.NewServer(opts...) // want "without KeepaliveParams"
}

func fromParam(opts ...grpc.ServerOption) *grpc.Server {
	return grpc.NewServer(opts...)
}

func fromHelper() *grpc.Server {
	return grpc.NewServer(serverOptions()...)
}

func helperOption() *grpc.Server {
	return grpc.NewServer(myOption())
}

func builtWithHelper() *grpc.Server {
	opts := []grpc.ServerOption{grpc.MaxRecvMsgSize(1 << 20)}
	opts = append(opts, serverOptions()...)
	return grpc.NewServer(opts...)
}

func serverOptions() []grpc.ServerOption { return nil }

func myOption() grpc.ServerOption { return nil }

type fake struct{}

func (fake) NewServer() {}

func shadowedPkg() {
	grpc := fake{}
	grpc.NewServer()
}
