package skip

import (
	"crypto/tls"
	"testing"
)

func TestInsecure(t *testing.T) {
	_ = &tls.Config{InsecureSkipVerify: true}
}
