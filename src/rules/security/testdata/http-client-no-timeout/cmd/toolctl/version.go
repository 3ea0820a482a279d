// A CLI binary's command package (cmd/<name>ctl/): reported with low severity, like package main.
package toolctl

import "net/http"

func version(u string) (*http.Response, error) {
	return http.Get(u) // want "http.Get uses http.DefaultClient"
}
