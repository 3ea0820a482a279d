package srv

import (
	g "google.golang.org/grpc"
)

func aliased() *g.Server {
	return g.NewServer() // want "without KeepaliveParams"
}
