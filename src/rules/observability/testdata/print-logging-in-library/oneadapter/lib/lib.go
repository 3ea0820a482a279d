package lib

import "log"

// The logger is imported by this very package (adapter.go): the package can use it.
func Do() {
	log.Printf("doing") // want "log.Printf in library package lib uses the standard log package while this module logs with logr"
}
