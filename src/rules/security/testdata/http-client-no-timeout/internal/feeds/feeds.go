// Reached by the interactive release-notes command and by the long-running server: judged as the server's.
package feeds

import (
	"context"
	"net/http"
)

func Latest(ctx context.Context, u string) string {
	resp, err := http.Get(u) // want "http.Get uses http.DefaultClient"
	if err != nil {
		return ""
	}
	_ = resp.Body.Close()
	return resp.Status
}
