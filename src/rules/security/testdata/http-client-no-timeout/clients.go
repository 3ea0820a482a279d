package clients

import (
	"net"
	"net/http"
	h "net/http"
	"net/url"
	"strings"
	"time"
)

type API struct {
	client *http.Client
	rt     http.RoundTripper
}

func get(u string) (*http.Response, error) {
	return http.Get(u) // want "http.Get uses http.DefaultClient, which has no timeout"
}

func post(u string) (*http.Response, error) {
	return h.Post(u, "text/plain", strings.NewReader("x")) // want "http.Post uses http.DefaultClient"
}

func others(u string) {
	_, _ = http.Head(u)                 // want "http.Head"
	_, _ = http.PostForm(u, url.Values{}) // want "http.PostForm"
}

func defaultClient(req *http.Request) (*http.Response, error) {
	return http.DefaultClient.Do(req) // want "http.DefaultClient.Do has no timeout"
}

func defaultClientGet(u string) {
	_, _ = http.DefaultClient.Get(u) // want "http.DefaultClient.Get"
}

func newAPI() *API {
	return &API{client: &http.Client{}} // want "http.Client without Timeout"
}

func zeroTimeout() *http.Client {
	return &http.Client{Timeout: 0} // want "http.Client without Timeout"
}

func plainTransport() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConns: 10}} // want "http.Client without Timeout"
}

func value() http.Client {
	c := h.Client{CheckRedirect: nil} // want "http.Client without Timeout"
	return c
}

// ---- negatives ----

func withTimeout() *http.Client {
	return &http.Client{Timeout: 30 * time.Second}
}

func timeoutVar(d time.Duration) *http.Client {
	return &http.Client{Timeout: d}
}

func timeoutLater() *http.Client {
	c := &http.Client{}
	c.Timeout = time.Minute
	return c
}

func (a *API) fieldLater() {
	a.client = &http.Client{}
	a.client.Timeout = time.Minute
}

func customTransport(rt http.RoundTripper) *http.Client {
	return &http.Client{Transport: rt}
}

func (a *API) sharedTransport() *http.Client {
	return &http.Client{Transport: a.rt}
}

func transportTimeouts() *http.Client {
	return &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: 10 * time.Second}}
}

func dialTimeouts() *http.Client {
	return &http.Client{Transport: &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		TLSHandshakeTimeout: 5 * time.Second,
	}}
}

func ownClient(c *http.Client, u string) {
	_, _ = c.Get(u)
}

func defaultClientValue() *http.Client {
	// Only calls through DefaultClient are reported here, not the value itself.
	return http.DefaultClient
}

// Local functions and shadowed package names are not net/http.
func Get(u string) error { return nil }

func local(u string) { _ = Get(u) }

func shadowed(u string) {
	http := &API{}
	_ = http.client
}
