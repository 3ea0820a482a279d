package lib

import "net/http"

// Not a main package: the caller owns the lifecycle.
func Run(addr string) error {
	return http.ListenAndServe(addr, nil)
}
