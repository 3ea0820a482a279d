package srv

import (
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"
)

func bare() *grpc.Server {
	return grpc.NewServer() // want "grpc.NewServer without MaxRecvMsgSize"
}

func keepaliveOnly() *grpc.Server {
	opts := []grpc.ServerOption{
		grpc.KeepaliveParams(keepalive.ServerParameters{MaxConnectionAge: time.Hour}),
	}
	return grpc.NewServer(opts...) // want "without MaxRecvMsgSize"
}

func fromParam(opts []grpc.ServerOption) *grpc.Server {
	return grpc.NewServer(opts...)
}

func localHelper() *grpc.Server {
	return grpc.NewServer(limits())
}

func limits() grpc.ServerOption { return nil }
