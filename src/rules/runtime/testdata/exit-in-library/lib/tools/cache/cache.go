// tools/ below the repository root is a library (as k8s.io/client-go/tools/cache), not developer tooling.
package cache

import "os"

func Load(path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		os.Exit(1) // want "os.Exit in library package cache"
	}
	return b
}
