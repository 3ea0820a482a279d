// A program's command package: a finding in a function that nothing shipped calls is not reported.
package cmd

import (
	"net/http"

	"example.com/reach/internal/util"
)

// a function registered as a value is reachable
var handlers = map[string]func(string){"probe": probe}

func Execute() {
	live("http://localhost")
	for _, h := range handlers {
		h("http://localhost")
	}
	util.Used("http://localhost")
	var s shadow
	s.method("http://localhost")
}

func live(u string) {
	_, _ = http.Get(u) // want "http.Get uses http.DefaultClient"
}

func probe(u string) {
	_, _ = http.Get(u) // want "http.Get uses http.DefaultClient"
}

// kept for a later refactoring: nothing calls it
func runConsole() {
	go runConsoleLoop()
	_, _ = http.Get("http://localhost")
}

// called only by runConsole, itself never called
func runConsoleLoop() {
	for {
		_, _ = http.Get("http://localhost")
	}
}

// calls itself only
func retry(u string, n int) {
	if n == 0 {
		return
	}
	_, _ = http.Get(u)
	retry(u, n-1)
}

// called only from console_test.go
func fetchForTests(u string) {
	_, _ = http.Get(u)
}

// not called by name, but a local of the same name is used in a reachable function: kept (references are by name)
func named(u string) {
	_, _ = http.Get(u) // want "http.Get uses http.DefaultClient"
}

type shadow struct{}

// methods are never judged: an interface may call them
func (shadow) method(u string) {
	named := u
	_, _ = http.Get(named) // want "http.Get uses http.DefaultClient"
}

func (shadow) unusedMethod(u string) {
	_, _ = http.Get(u) // want "http.Get uses http.DefaultClient"
}
