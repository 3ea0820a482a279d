//go:build windows && (amd64 || arm64)

package perms

import "os"

func makeWritable(p string) error {
	return os.Chmod(p, 0o666)
}
