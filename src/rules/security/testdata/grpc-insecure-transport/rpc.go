package rpc

import (
	"context"
	"net"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

func Connect(target string) (*grpc.ClientConn, error) {
	return grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials())) // want "insecure.NewCredentials\\(\\) makes this gRPC connection plaintext"
}

func Legacy(ctx context.Context, addr string) (*grpc.ClientConn, error) {
	return grpc.DialContext(ctx, addr, grpc.WithInsecure()) // want "grpc.WithInsecure\\(\\) makes this gRPC connection plaintext"
}

func Serve(ln net.Listener) error {
	srv := grpc.NewServer(grpc.Creds(insecure.NewCredentials())) // want "makes this gRPC server plaintext"
	return srv.Serve(ln)
}

func Options(target string) (*grpc.ClientConn, error) {
	opts := []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())} // want "gRPC connection plaintext"
	return grpc.NewClient(target, opts...)
}

// ---- negatives ----

func Sidecar() (*grpc.ClientConn, error) {
	return grpc.NewClient("localhost:9090", grpc.WithTransportCredentials(insecure.NewCredentials()))
}

func Socket(path string) (*grpc.ClientConn, error) {
	return grpc.NewClient("unix://"+path, grpc.WithTransportCredentials(insecure.NewCredentials()))
}

func Local() (*grpc.ClientConn, error) {
	opts := []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}
	return grpc.Dial("127.0.0.1:4317", opts...)
}

func OptIn(target string, plaintext bool) (*grpc.ClientConn, error) {
	var opts []grpc.DialOption
	if plaintext {
		opts = append(opts, grpc.WithTransportCredentials(insecure.NewCredentials()))
	}
	return grpc.NewClient(target, opts...)
}

// a custom dialer: a daemon or plugin socket
func Daemon(address string, dial func(context.Context, string) (net.Conn, error)) (*grpc.ClientConn, error) {
	return grpc.NewClient(address, grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithContextDialer(dial))
}

func Plugin(addr string) (*grpc.ClientConn, error) {
	return grpc.Dial(addr, grpc.WithInsecure(), grpc.WithAuthority("localhost"))
}
