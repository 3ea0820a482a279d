//go:build !windows

package localipc

import (
	"errors"
	"net"
)

func (a *adminAPI) createListener() (net.Listener, error) {
	switch a.addr.Network() {
	case "unix":
		return a.createUnixListener()
	default:
		return nil, errors.New("unsupported network")
	}
}

func (a *adminAPI) createUnixListener() (net.Listener, error) {
	ua, ok := a.addr.(*net.UnixAddr)
	if !ok {
		return nil, errors.New("not a unix address")
	}
	l, err := a.factory.ListenUnix("unix", ua)
	if err != nil {
		return nil, err
	}
	return l, nil
}
