package fetch

import (
	"io"
	"net/http"
)

// Authorize parses the request's multipart form, then fetches a request object from a URL the client named. The
// limit is on what the server fetched (an HTTP client's response), not on the request being parsed.
func Authorize(hc *http.Client, w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseMultipartForm(1 << 20); err != nil { // want "r.ParseMultipartForm reads the whole multipart body"
		return err
	}
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, r.Form.Get("request_uri"), nil)
	if err != nil {
		return err
	}
	response, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer response.Body.Close()
	response.Body = io.NopCloser(io.LimitReader(response.Body, 10<<20))
	_, err = io.ReadAll(response.Body)
	return err
}

// a response declared with its type is a response too
func keys(resp *http.Response) ([]byte, error) {
	return io.ReadAll(io.LimitReader(resp.Body, 5<<20))
}
