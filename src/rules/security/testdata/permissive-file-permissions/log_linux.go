package perms

import "os"

func makeWritableLinux(p string) error {
	return os.Chmod(p, 0o777) // want "world-writable"
}
