package loopback

import (
	"context"
	"crypto/tls"
	"flag"
	"net"
	"net/http"
	"time"
)

type Options struct {
	ReloadURL  string
	HTTPClient http.Client
	Interval   time.Duration
}

// A sidecar that only calls the process in its own pod: the reload URL is a flag whose default is loopback.
var reloadURL = flag.String("reload-url", "http://127.0.0.1:9090/-/reload", "URL to trigger the reload")

func newClient(timeout time.Duration) http.Client {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.DialContext = (&net.Dialer{Timeout: timeout}).DialContext
	transport.MaxConnsPerHost = transport.MaxIdleConnsPerHost // a limit per host, not an address
	transport.TLSClientConfig = &tls.Config{
		InsecureSkipVerify: true,
	}
	return http.Client{Timeout: timeout, Transport: transport}
}

func setUp() Options {
	opts := Options{Interval: time.Minute}
	opts.ReloadURL = *reloadURL
	opts.HTTPClient = newClient(time.Second)
	return opts
}

const adminAddr = "localhost:9901"

func adminClient() (*http.Response, error) {
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	return c.Get("https://" + adminAddr + "/ready")
}

func probeLocal() (*http.Response, error) {
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	return c.Get("https://[::1]:8443/healthz")
}

// positives: the target is remote, or cannot be resolved

var upstreamURL = flag.String("upstream-url", "https://api.example.com", "upstream")

func newRemoteClient() http.Client {
	transport := &http.Transport{TLSClientConfig: &tls.Config{
		InsecureSkipVerify: true, // want "InsecureSkipVerify: true"
	}}
	return http.Client{Transport: transport}
}

func setUpRemote() Options {
	opts := Options{ReloadURL: *upstreamURL}
	opts.HTTPClient = newRemoteClient()
	return opts
}

func fetch(url string) (*http.Response, error) {
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} // want "InsecureSkipVerify: true"
	return c.Get(url)
}

func mixed() {
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} // want "InsecureSkipVerify: true"
	_, _ = c.Get("https://localhost:8443/")
	_, _ = c.Get("https://db.internal:8443/")
}

// A self-ping that verifies the peer by comparing the key it publishes with the one this instance holds.

type JSONWebKey struct{ KeyID string }

func pingClient() *http.Client {
	return &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},
	}
}

func CheckKey(ctx context.Context, jwksURL string, key JSONWebKey, client *http.Client) error { return nil }

func checkRoutes(ctx context.Context, key *JSONWebKey, hosts []string) error {
	client := pingClient()
	for _, h := range hosts {
		if err := CheckKey(ctx, "https://"+h+"/.well-known/jwks.json", *key, client); err != nil {
			return err
		}
	}
	return nil
}

func unpinnedClient() *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} // want "InsecureSkipVerify: true"
}

func FetchKeys(ctx context.Context, jwksURL string, client *http.Client) error { return nil }

func fetchRoutes(ctx context.Context, hosts []string) error {
	client := unpinnedClient()
	for _, h := range hosts {
		if err := FetchKeys(ctx, "https://"+h+"/.well-known/jwks.json", client); err != nil {
			return err
		}
	}
	return nil
}
