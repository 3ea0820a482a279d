package lib

import "net/http"

// Library packages are not judged: the binary that uses them may add metrics.
func Serve(addr string) error {
	return http.ListenAndServe(addr, nil)
}
