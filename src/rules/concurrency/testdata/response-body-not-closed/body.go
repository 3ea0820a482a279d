package body

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	nethttp "net/http"
	"net/url"
	"strings"
)

type API struct {
	client *http.Client
	base   string
}

var defaultClient = &http.Client{}

func fetch(u string, v any) error {
	resp, err := http.Get(u) // want "response resp from http.Get is never closed"
	if err != nil {
		return err
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func status(u string) (int, error) {
	r, err := nethttp.Post(u, "text/plain", nil) // want "response r from http.Post"
	if err != nil {
		return 0, err
	}
	return r.StatusCode, nil
}

func ping(u string) error {
	_, err := http.Get(u) // want "response from http.Get is discarded"
	return err
}

func fireAndForget(u string) {
	http.Post(u, "text/plain", strings.NewReader("x")) // want "discarded"
}

func (a *API) decode(req *http.Request, v any) error {
	resp, err := a.client.Do(req) // want "response resp from a.client.Do"
	if err != nil {
		return err
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func localClient(u string) error {
	c := &http.Client{}
	resp, err := c.Get(u) // want "c.Get"
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		return errors.New(resp.Status)
	}
	return nil
}

func paramClient(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req) // want "c.Do"
	if err != nil {
		return err
	}
	_ = resp.Header.Get("X")
	return nil
}

func defaultCl(u string) error {
	resp, err := http.DefaultClient.PostForm(u, url.Values{}) // want "http.DefaultClient.PostForm"
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	return err
}

func packageClient(u string) error {
	resp, err := defaultClient.Get(u) // want "defaultClient.Get"
	if err != nil {
		return err
	}
	_ = resp
	return nil
}

// `_ = resp.Body` only silences the compiler, like `_ = resp`: nothing closes the body.
func blankBody(u string) error {
	resp, err := http.Get(u) // want "response resp from http.Get is never closed"
	if err != nil {
		return err
	}
	_ = resp.Body
	return nil
}

// Negatives.

func closed(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func closedInClosure(u string) (err error) {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := resp.Body.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func closedExplicitly(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	_ = b
	return err
}

func returned(u string) (*http.Response, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func returnedDirect(u string) (*http.Response, error) {
	return http.Get(u)
}

func namedResult(u string) (resp *http.Response, err error) {
	resp, err = http.Get(u)
	return
}

func handedToHelper(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	return checkAndClose(resp)
}

func bodyToHelper(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer drain(resp.Body)
	return nil
}

func bodyReturned(u string) (io.ReadCloser, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

func bodyAssigned(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	rc := resp.Body
	defer rc.Close()
	return nil
}

func closeAsValue(u string, onExit func(func() error)) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	onExit(resp.Body.Close)
	return nil
}

func stored(u string, out map[string]*http.Response) {
	resp, _ := http.Get(u)
	out[u] = resp
}

func storedField(a *API, u string) {
	var w struct{ r *http.Response }
	w.r, _ = a.client.Get(u)
	_ = w
}

func retryLoop(c *http.Client, req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for i := 0; i < 3; i++ {
		resp, err = c.Do(req)
		if err == nil && resp.StatusCode < 500 {
			break
		}
		if resp != nil {
			resp.Body.Close()
		}
	}
	return resp, err
}

func ifInit(u string) error {
	if resp, err := http.Get(u); err == nil {
		defer resp.Body.Close()
	}
	return nil
}

// A client of unknown type (interface or another library): skipped.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

func unknownClient(d Doer, req *http.Request) error {
	resp, err := d.Do(req)
	if err != nil {
		return err
	}
	_ = resp.StatusCode
	return nil
}

type cache struct{}

func (cache) Get(k string) (string, error) { return "", nil }

func notHTTP(c cache) error {
	v, err := c.Get("k")
	_ = v
	return err
}

func shadowedPkg(u string) {
	http := cache{}
	v, _ := http.Get(u)
	_ = v
}

func checkAndClose(r *http.Response) error { return r.Body.Close() }
func drain(rc io.ReadCloser)              { _ = rc.Close() }

// Every path that gets the response copies it to a writer: only a failed write leaves it unread and open (sonobuoy's relay); low severity.
func relay(w http.ResponseWriter, c *http.Client, req *http.Request) {
	resp, err := c.Do(req) // want "is never closed"
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	w.WriteHeader(resp.StatusCode)
	if _, err = io.Copy(w, resp.Body); err != nil {
		return
	}
}

// Read to EOF on every path after the err check: the connection goes back to the pool (a failed read closes it).
func drainAll(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

// A non-200 early return before the read leaves the body unread and open (argo-rollouts Kayenta).
func statusFirst(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req) // want "is never closed"
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New("bad status")
	}
	return io.ReadAll(resp.Body)
}

// The status is tested in the err check itself: a non-200 response returns with its body unread (argo-rollouts Kayenta).
func statusInErrCheck(c *http.Client, u string) ([]byte, error) {
	resp, err := c.Get(u) // want "is never closed"
	if err != nil || resp.StatusCode != 200 {
		return nil, errors.New("invalid response")
	}
	return io.ReadAll(resp.Body)
}
