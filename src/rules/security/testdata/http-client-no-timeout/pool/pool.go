package pool

import (
	"net/http"
	"sync"
)

type Client struct{ pool sync.Pool }

func (c *Client) client() *http.Client {
	if hc, ok := c.pool.Get().(*http.Client); ok && hc != nil {
		return hc
	}
	return nil
}

// The default client is only the fallback of a missing configured client: low severity.
func (c *Client) Get(u string) (*http.Response, error) {
	if hc := c.client(); hc != nil {
		defer c.pool.Put(hc)
		return hc.Get(u)
	} else {
		return http.DefaultClient.Get(u) // want "http.DefaultClient.Get has no timeout"
	}
}

// No configured client on the other branch: the rule's severity.
func Fetch(u string, verbose bool) (*http.Response, error) {
	if verbose {
		println(u)
	} else {
		return http.Get(u) // want "http.Get uses http.DefaultClient"
	}
	return nil, nil
}
