package skip

import (
	"crypto/tls"
	"net/http"
)

// Installed only when the user sets `insecure: true` on the metric (argo-rollouts web metric): an explicit opt-in.
var insecureTransport = &http.Transport{
	TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
}

type webMetric struct{ Insecure bool }

func newClient(m webMetric) *http.Client {
	c := &http.Client{}
	if m.Insecure {
		c.Transport = insecureTransport
	}
	return c
}

// Used unconditionally somewhere: every client skips verification.
var sharedInsecure = &http.Transport{
	TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // want "InsecureSkipVerify"
}

func newShared(m webMetric) *http.Client {
	if m.Insecure {
		return &http.Client{Transport: sharedInsecure}
	}
	return &http.Client{Transport: sharedInsecure}
}

// Declared but used nowhere in the file: not judged an opt-in.
var unusedInsecure = &tls.Config{InsecureSkipVerify: true} // want "InsecureSkipVerify"
