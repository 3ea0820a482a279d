package x

import "crypto/tls"

const legacyMin = 0x0301

func maxThroughVar() *tls.Config {
	var lowMax uint16 = tls.VersionTLS10
	return &tls.Config{MaxVersion: lowMax} // want "MaxVersion is TLS 1.0"
}

func minThroughConst() *tls.Config {
	return &tls.Config{MinVersion: legacyMin} // want "MinVersion is TLS 1.0"
}

// ---- negatives ----

func modernThroughVar() *tls.Config {
	var v uint16 = tls.VersionTLS13
	return &tls.Config{MinVersion: v}
}

func chosenByCaller(v uint16) *tls.Config {
	return &tls.Config{MinVersion: v}
}
