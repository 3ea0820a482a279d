package withctx

import (
	"context"
	"net/http"
)

type Client struct{ hc *http.Client }

// Requests in this file carry a context: cancellation and deadlines come from the caller.
func New() *Client { return &Client{hc: &http.Client{}} }

func (c *Client) Fetch(ctx context.Context, u string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	return c.hc.Do(req)
}

func viaDefault(ctx context.Context, req *http.Request) (*http.Response, error) {
	return http.DefaultClient.Do(req.WithContext(ctx))
}

// Package-level Get cannot take a context: still reported.
func legacy(u string) {
	_, _ = http.Get(u) // want "http.Get"
}
