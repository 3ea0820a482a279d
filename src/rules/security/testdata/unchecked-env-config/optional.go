package main

import (
	"fmt"
	"log"
	"net"
	"os"
)

// ---- optional settings: the call fails at once on an empty value and the code goes on without it ----

func agentIfAny() []string {
	var methods []string
	if c, err := net.Dial("unix", os.Getenv("AGENT_SOCKET")); err == nil {
		defer c.Close()
		methods = append(methods, "agent")
	}
	return append(methods, "password")
}

func sidecarIfAny() net.Conn {
	sock := os.Getenv("SIDECAR_SOCKET")
	conn, err := net.Dial("unix", sock)
	if err != nil {
		log.Printf("no sidecar, continuing without it: %v", err)
		conn = nil
	}
	return conn
}

// ---- still reported ----

// The error goes back to the caller: the start fails with "missing address", far from the variable.
func propagated() (net.Conn, error) {
	conn, err := net.Dial("unix", os.Getenv("CONTROL_SOCKET")) // want `Getenv\("CONTROL_SOCKET"\) reaches net.Dial`
	if err != nil {
		return nil, fmt.Errorf("control socket: %w", err)
	}
	return conn, nil
}

// The process ends on the error.
func fatal() net.Conn {
	conn, err := net.Dial("tcp", os.Getenv("UPSTREAM")) // want `Getenv\("UPSTREAM"\) reaches net.Dial`
	if err != nil {
		log.Fatalf("dial: %v", err)
	}
	return conn
}

// An empty host still dials (":7000" is the local host): the call does not fail, the check proves nothing.
func builtAddress() net.Conn {
	if c, err := net.Dial("tcp", os.Getenv("PEER_HOST")+":7000"); err == nil { // want `Getenv\("PEER_HOST"\) reaches net.Dial`
		return c
	}
	return nil
}
