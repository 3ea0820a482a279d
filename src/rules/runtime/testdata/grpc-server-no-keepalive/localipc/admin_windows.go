//go:build windows

package localipc

import (
	"net"

	"github.com/Microsoft/go-winio"
)

func (a *adminAPI) createListener() (net.Listener, error) {
	return winio.ListenPipe(a.addr.String(), nil)
}
