//go:build !windows

package perms

import "os"

func makeWritableUnix(p string) error {
	return os.Chmod(p, 0o666) // want "world-writable"
}
