package fieldserve

import "net"

// The same gRPC server, also on the network.
func (n *node) run(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return n.grpcSrv.Serve(l)
}
