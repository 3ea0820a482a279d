// A library package: its exported functions are called by importers this repository does not show.
package lib

import "net/http"

func Get(u string) {
	_, _ = http.Get(u) // want "http.Get uses http.DefaultClient"
}
