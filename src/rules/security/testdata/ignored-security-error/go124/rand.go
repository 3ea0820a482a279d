package newrand

import (
	"crypto/rand"
	"crypto/tls"
	"io"
)

// Since Go 1.24 crypto/rand.Read never returns an error (it crashes instead).
func token() []byte {
	b := make([]byte, 32)
	rand.Read(b)
	io.ReadFull(rand.Reader, b)
	return b
}

func still() tls.Certificate {
	c, _ := tls.X509KeyPair(nil, nil) // want "tls.X509KeyPair"
	return c
}
