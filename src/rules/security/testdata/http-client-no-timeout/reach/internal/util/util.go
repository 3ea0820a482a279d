package util

import "net/http"

// Used is called by the command package.
func Used(u string) {
	_, _ = http.Get(u) // want "http.Get uses http.DefaultClient"
}

// OnlyTests is exported, but its package is internal/ and only tests call it.
func OnlyTests(u string) {
	_, _ = http.Get(u)
}
