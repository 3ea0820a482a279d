package srv

import "google.golang.org/grpc"

const maxMsg = 16 << 20

func explicit() *grpc.Server {
	return grpc.NewServer(grpc.MaxRecvMsgSize(maxMsg))
}

func sameFile() *grpc.Server {
	return grpc.NewServer()
}
