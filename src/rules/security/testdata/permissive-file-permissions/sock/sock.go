package sock

import (
	"net"
	"os"
	"path/filepath"
)

// The mode of a unix socket says who may connect: not reported.
func serveSocket(path string) (net.Listener, error) {
	l, err := net.Listen("unix", path)
	if err != nil {
		return nil, err
	}
	return l, os.Chmod(path, 0o666)
}

// A regular file made world-writable: reported.
func openUp(path string) error {
	return os.Chmod(path, 0o666) // want "world-writable"
}

// Credentials in a fresh MkdirTemp directory (mode 0700): out of other users' reach, not reported.
func writeCreds(creds []byte) (string, error) {
	dir, err := os.MkdirTemp("", "creds")
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, "token.creds")
	return p, os.WriteFile(filepath.Join(dir, "token.creds"), creds, 0o644)
}

// The same file in a shared directory: reported.
func writeShared(dir string, creds []byte) error {
	return os.WriteFile(filepath.Join(dir, "token.creds"), creds, 0o644) // want "token"
}
