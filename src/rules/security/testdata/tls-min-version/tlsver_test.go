package tlsver

import (
	"crypto/tls"
	"testing"
)

func TestOld(t *testing.T) {
	_ = &tls.Config{MinVersion: tls.VersionTLS10}
}
