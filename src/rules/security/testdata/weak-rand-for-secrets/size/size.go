package size

import (
	crand "crypto/rand"
	"math/big"
	mrand "math/rand"
	"strings"
)

const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// math/rand picks only how long the password is; every character comes from crypto/rand
func GeneratePassword() ([]byte, error) {
	n := mrand.Intn(4) + 16
	b := make([]byte, n)
	for i := 0; i < n; i++ {
		c, err := crand.Int(crand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			return nil, err
		}
		b[i] = alphabet[c.Int64()]
	}
	return b, nil
}

func newSecret() ([]byte, error) {
	secret := make([]byte, 0, 24+mrand.Intn(8))
	buf := make([]byte, 32)
	if _, err := crand.Read(buf); err != nil {
		return nil, err
	}
	return append(secret, buf[:16+mrand.Intn(16)]...), nil
}

func maskedToken() string {
	return strings.Repeat("*", mrand.Intn(4)+8)
}

// the length is fine, the characters are not
func GenerateWeakPassword() string {
	n := mrand.Intn(4) + 16
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[mrand.Intn(len(alphabet))] // want "becomes the result of GenerateWeakPassword"
	}
	return string(b)
}

func newAPIKey() string {
	key := make([]byte, 32)
	for i := range key {
		key[i] = alphabet[mrand.Intn(len(alphabet))] // want "becomes the result of newAPIKey"
	}
	return string(key)
}
