package suites

import "crypto/tls"

// Options is a configuration an operator fills in; MinVersion left at zero means "use the default".
type Options struct {
	MinVersion uint16
	Legacy     bool
}

var weakList = []uint16{tls.TLS_RSA_WITH_AES_128_CBC_SHA, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}

func install(dst **tls.Config, c *tls.Config) { *dst = c }

// ---- inert lists: the minimum is TLS 1.3, where Go ignores CipherSuites ----

func pinned13() *tls.Config {
	return &tls.Config{
		MinVersion:   tls.VersionTLS13,
		CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_256_GCM_SHA384},
	}
}

// A minimum taken from the options, defaulting to TLS 1.3 when unset.
func defaulted13(o *Options, dst **tls.Config) {
	min := o.MinVersion
	if min == 0 {
		min = tls.VersionTLS13
	}
	install(dst, &tls.Config{
		CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256},
		MinVersion:   min,
	})
}

// The options field itself gets the default before use.
func fieldDefault13(o *Options) *tls.Config {
	if o.MinVersion == 0 {
		o.MinVersion = tls.VersionTLS13
	}
	return &tls.Config{MinVersion: o.MinVersion, CipherSuites: weakList}
}

// Set field by field on one variable.
func assigned13() *tls.Config {
	cfg := &tls.Config{}
	cfg.MinVersion = tls.VersionTLS13
	cfg.CipherSuites = []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256}
	return cfg
}

// A client that verifies no certificate: interception needs no weak suite (the InsecureSkipVerify rule reports it).
var unverifiedClient = &tls.Config{
	InsecureSkipVerify: true,
	CipherSuites:       []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256},
}

// ---- still reported ----

func pinned12() *tls.Config {
	return &tls.Config{
		MinVersion:   tls.VersionTLS12,
		CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_256_GCM_SHA384}, // want "TLS_RSA_WITH_AES_256_GCM_SHA384: RSA key exchange"
	}
}

// TLS 1.3 only when a setting asks for it: the default minimum (TLS 1.2) negotiates the list.
func optional13(o *Options) *tls.Config {
	min := o.MinVersion
	if !o.Legacy {
		min = tls.VersionTLS13
	}
	return &tls.Config{MinVersion: min, CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256}} // want "TLS_RSA_WITH_AES_128_GCM_SHA256"
}

// Defaults to TLS 1.3 but another branch pins TLS 1.2.
func mixed(o *Options) *tls.Config {
	var min uint16 = tls.VersionTLS13
	if o.Legacy {
		min = tls.VersionTLS12
	}
	return &tls.Config{MinVersion: min, CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256}} // want "TLS_RSA_WITH_AES_128_GCM_SHA256"
}

// Built at TLS 1.3, then lowered.
func lowered() *tls.Config {
	cfg := &tls.Config{MinVersion: tls.VersionTLS13, CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256}} // want "TLS_RSA_WITH_AES_128_GCM_SHA256"
	cfg.MinVersion = tls.VersionTLS12
	return cfg
}

// A verifying client keeps the concern.
var verifiedClient = &tls.Config{
	InsecureSkipVerify: false,
	CipherSuites:       []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256}, // want "TLS_RSA_WITH_AES_128_GCM_SHA256"
}
