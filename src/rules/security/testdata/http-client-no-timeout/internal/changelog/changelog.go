// Reached only by the interactive release-notes command.
package changelog

import (
	"context"
	"io"
	"net/http"
)

func Fetch(ctx context.Context, u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
