package open

import (
	"io"
	"net/http"
)

// A client call in the same module: limiting the response it receives does not limit the request bodies the
// handlers of this module read.
func Fetch(c *http.Client, url string) ([]byte, error) {
	res, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	return io.ReadAll(io.LimitReader(res.Body, 1<<20))
}
