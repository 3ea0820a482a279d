package latest

import "log"

// "latest" merely ends in "test": still a library.
func Resolve(tag string) string {
	if tag == "" {
		log.Fatal("empty tag") // want "log.Fatal in library package latest"
	}
	return tag
}
