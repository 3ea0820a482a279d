package suites

import (
	"crypto/tls"
	ctls "crypto/tls"
)

const legacy = tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA

func rsaKex() *tls.Config {
	return &tls.Config{
		CipherSuites: []uint16{
			tls.TLS_RSA_WITH_AES_128_GCM_SHA256, // want "CipherSuites lists TLS_RSA_WITH_AES_128_GCM_SHA256: RSA key exchange has no forward secrecy"
			tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
		},
	}
}

func several() *ctls.Config {
	return &ctls.Config{CipherSuites: []uint16{ctls.TLS_ECDHE_RSA_WITH_RC4_128_SHA, ctls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256}} // want "RC4 is broken \\(RFC 7465\\) \\(and 1 more weak suite\\)"
}

func throughConst(cfg *tls.Config) {
	cfg.CipherSuites = []uint16{legacy} // want "TLS_RSA_WITH_3DES_EDE_CBC_SHA: 3DES"
}

// ---- negatives ----

func modern() *tls.Config {
	return &tls.Config{CipherSuites: []uint16{
		tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
		tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
		tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, // still in Go's defaults
	}}
}

func defaults() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12}
}

// A project type with a field of the same name is not crypto/tls.
type Settings struct{ CipherSuites []string }

func own() Settings {
	return Settings{CipherSuites: []string{"TLS_RSA_WITH_AES_128_GCM_SHA256"}}
}
