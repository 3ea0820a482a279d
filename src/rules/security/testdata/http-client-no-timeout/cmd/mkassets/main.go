// Run by go generate, and built and shipped by the Makefile.
package main

import (
	"net/http"
	"os"
)

func main() {
	for _, u := range os.Args[1:] {
		fetch(u)
	}
}

func fetch(u string) {
	_, _ = http.Get(u) // want "http.Get uses http.DefaultClient"
}
