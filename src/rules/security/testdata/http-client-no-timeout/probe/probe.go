package probe

import (
	"context"
	"net/http"
)

// Reachable is the start-up connectivity probe: main calls it once and exits when it fails.
func Reachable(url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return res.Body.Close()
}

// Forward runs per request: a stalled upstream holds every request's goroutine.
func Forward(url string) error {
	res, err := http.Get(url) // want "http.Get uses http.DefaultClient"
	if err != nil {
		return err
	}
	return res.Body.Close()
}

// Discover runs once at start-up, but its caller bounds it with ctx, which http.Get cannot honour.
func Discover(ctx context.Context, url string) (*http.Response, error) {
	return http.Get(url) // want "http.Get uses http.DefaultClient"
}
