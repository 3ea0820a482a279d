package api

import (
	"crypto/tls"
	"net/http"
	"net/url"
	"time"
)

func UseProxy(proxy *url.URL) {
	http.DefaultTransport.(*http.Transport).Proxy = http.ProxyURL(proxy) // want "modifies the process-wide http.DefaultTransport"
}

func Insecure() {
	http.DefaultTransport.(*http.Transport).TLSClientConfig = &tls.Config{InsecureSkipVerify: true} // want "http.DefaultTransport"
}

func Timeout() {
	http.DefaultClient.Timeout = 10 * time.Second // want "http.DefaultClient.Timeout modifies the process-wide http.DefaultClient"
}

func Replace(c *http.Client) {
	http.DefaultClient = c // want "http.DefaultClient is replaced"
}

func ViaAlias() {
	t := http.DefaultTransport.(*http.Transport)
	t.MaxIdleConnsPerHost = 100 // want "t.MaxIdleConnsPerHost modifies the process-wide http.DefaultTransport"
}

func ViaCheckedAlias() {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		t.TLSClientConfig.InsecureSkipVerify = true // want "http.DefaultTransport"
	}
}

func ClientAlias() {
	c := http.DefaultClient
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse } // want "http.DefaultClient"
}

// ---- negatives ----

func Cloned(proxy *url.URL) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = http.ProxyURL(proxy)
	return &http.Client{Transport: t, Timeout: 30 * time.Second}
}

func Copied() *http.Client {
	c := *http.DefaultClient
	c.Timeout = time.Second
	return &c
}

func Reassigned(own *http.Transport) {
	t := http.DefaultTransport.(*http.Transport)
	t = own
	t.Proxy = nil
}

func ReadOnly() time.Duration {
	return http.DefaultClient.Timeout
}

type holder struct{ DefaultClient *http.Client }

func Own(h *holder) {
	h.DefaultClient = &http.Client{}
	h.DefaultClient.Timeout = time.Second
}
