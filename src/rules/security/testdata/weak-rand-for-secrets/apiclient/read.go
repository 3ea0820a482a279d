package apiclient

import (
	"encoding/hex"
	mrand "math/rand"
	"net/http"
)

// A nonce buffer filled by math/rand.Read and sent in the request header: public, not reported.
func nonceRequest(base string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodGet, base, nil)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, 12)
	mrand.Read(nonce)
	req.Header.Set("X-Nonce", hex.EncodeToString(nonce))
	return req, nil
}

// The same buffer kept as a key is a secret.
func newKey() []byte {
	key := make([]byte, 32)
	mrand.Read(key) // want "the buffer key"
	return key
}
