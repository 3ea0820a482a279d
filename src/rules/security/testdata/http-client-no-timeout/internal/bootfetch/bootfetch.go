// Reached only by the unattended boot-scripts program: still reported.
package bootfetch

import (
	"context"
	"net/http"
)

func Run(ctx context.Context, u string) error {
	resp, err := http.Get(u) // want "http.Get uses http.DefaultClient"
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
