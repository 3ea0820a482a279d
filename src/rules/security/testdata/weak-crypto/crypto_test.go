package wc

import (
	"crypto/des"
	"crypto/md5"
	"testing"
)

func TestLegacy(t *testing.T) {
	_, _ = des.NewCipher(make([]byte, 8))
	_ = md5.Sum([]byte("password"))
}
