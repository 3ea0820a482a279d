package flow

import (
	"encoding/base64"
	"math/rand"
	"strings"
	"time"
)

type wrapper interface {
	Encrypt(plain []byte) ([]byte, error)
}

type info struct {
	Token      string
	Confounder []byte
}

func marshal(i *info) ([]byte, error) { return []byte(i.Token), nil }

// ---- negatives ----

// The random number is timer jitter; only the declared function's name mentions tokens.
func startExpiringPendingTokens(done <-chan struct{}) {
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	next := func() time.Duration {
		f := r.Float64() / 2
		if r.Float32() > 0.5 {
			f = -f
		}
		return time.Minute + time.Duration(f*float64(time.Minute))
	}
	t := time.NewTimer(0)
	for {
		select {
		case <-done:
			return
		case <-t.C:
			t.Reset(next())
		}
	}
}

// A sleep between token refreshes.
func refreshTokens() {
	time.Sleep(time.Duration(rand.Intn(500)) * time.Millisecond)
}

// Padding mixed into the plaintext before it is encrypted is not the secret.
func SealToken(w wrapper, token string) (string, error) {
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	i := &info{Token: token, Confounder: make([]byte, r.Intn(30))}
	r.Read(i.Confounder)
	plain, err := marshal(i)
	if err != nil {
		return "", err
	}
	sealed, err := w.Encrypt(plain)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(sealed), nil
}

// The random number picks a retry slot; the token returned is the caller's.
func renewToken(tok string) string {
	slot := rand.Intn(4)
	_ = slot
	return tok
}

// ---- positives ----

// A builder filled with random letters becomes the token.
func newAccessToken(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.WriteByte("abcdefghijklmnopqrstuvwxyz"[rand.Intn(26)]) // want "becomes the result of newAccessToken"
	}
	return sb.String()
}

// A value assigned on its way to the result.
func resetPassword() string {
	n := rand.Int63() // want "becomes the result of resetPassword"
	s := base64.RawURLEncoding.EncodeToString([]byte{byte(n), byte(n >> 8), byte(n >> 16)})
	return s
}

// A function literal named like a secret.
var makeToken = func() string {
	b := make([]byte, 16)
	rand.Read(b) // want "becomes the result of makeToken"
	return string(b)
}
