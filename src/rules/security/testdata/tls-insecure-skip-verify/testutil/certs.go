package testutil

import "crypto/tls"

// Test-support package: not production code.
func ClientConfig() *tls.Config {
	return &tls.Config{InsecureSkipVerify: true}
}
