// Package apiclient draws per-request salts and nonces that a remote API's signature scheme carries in clear (not
// reported), next to tokens, keys and salts that must stay secret or are kept (reported).
package apiclient

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
)

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// ---- negatives: public per-request values of an outgoing request ----

type Signer struct{ salt func() []byte }

func NewSigner() *Signer { return &Signer{salt: newSalt} }

func newSalt() []byte {
	salt := make([]byte, 16)
	for i := range salt {
		salt[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return salt
}

// Sign returns the header "login;salt;hash" with hash = SHA1(login;salt;key;body).
func (s *Signer) Sign(login, key, body string) string {
	salt := s.salt()
	sum := sha1.Sum([]byte(fmt.Sprintf("%s;%s;%s;%s", login, salt, key, body)))
	return fmt.Sprintf("%s;%s;%x", login, salt, sum)
}

type Client struct {
	base   string
	login  string
	key    string
	signer *Signer
	http   *http.Client
}

func (c *Client) Do(ctx context.Context, body string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Auth", c.signer.Sign(c.login, c.key, body))
	return c.http.Do(req)
}

func (c *Client) query(ctx context.Context) (*http.Response, error) {
	nonce := rand.Uint64()
	q := url.Values{}
	q.Set("nonce", fmt.Sprint(nonce))
	return http.Get(c.base + "?" + q.Encode())
}

// ---- positives ----

// A token is a secret even when it is sent.
func (c *Client) register(ctx context.Context) (*http.Response, error) {
	apiToken := fmt.Sprintf("%x", rand.Uint64()) // want "becomes apiToken"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+apiToken)
	return c.http.Do(req)
}

// A password salt kept with the hash is not a per-request value.
func hashPassword(password string) string {
	salt := fmt.Sprint(rand.Int64()) // want "becomes salt"
	sum := sha1.Sum([]byte(salt + password))
	return salt + "$" + hex.EncodeToString(sum[:])
}
