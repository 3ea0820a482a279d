// Package apiclient signs calls to remote HTTP APIs with the digests their protocols mandate (not reported), next to
// code that hashes passwords or mints its own tokens with the same digests (reported).
package apiclient

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

type Client struct {
	base      *url.URL
	login     string
	apiKey    string
	apiSecret string
	username  string
	password  string
	signer    Signer
	http      *http.Client
}

// ---- negatives: the remote API mandates the digest ----

type Signer struct{ now func() time.Time }

// Sign builds the authentication header "login;timestamp;hash", hash = SHA1(login;timestamp;secret;body-hash).
func (s Signer) Sign(body, login, secret string) string {
	bodyHash := sha1.Sum([]byte(body))
	ts := strconv.FormatInt(s.now().Unix(), 10)
	input := fmt.Sprintf("%s;%s;%s;%02x", login, ts, secret, bodyHash)
	return fmt.Sprintf("%s;%s;%02x", login, ts, sha1.Sum([]byte(input)))
}

func (c *Client) post(ctx context.Context, values url.Values) (*http.Response, error) {
	payload := values.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base.String(), strings.NewReader(payload))
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Auth", c.signer.Sign(payload, c.login, c.apiSecret))
	return c.http.Do(req)
}

// signQuery is the "hash" field of a query API: md5(query + secret).
func (c *Client) signQuery(values url.Values) (string, error) {
	raw, err := url.QueryUnescape(values.Encode())
	if err != nil {
		return "", err
	}
	h := md5.New()
	h.Write([]byte(raw + c.apiSecret))
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (c *Client) newSignedRequest(ctx context.Context, values url.Values) (*http.Request, error) {
	values.Set("apiKey", c.apiKey)
	signature, err := c.signQuery(values)
	if err != nil {
		return nil, err
	}
	values.Set("hash", signature)
	body := map[string]string{}
	for k, v := range values {
		body[k] = v[0]
	}
	buf := new(bytes.Buffer)
	if err := json.NewEncoder(buf).Encode(body); err != nil {
		return nil, err
	}
	return http.NewRequestWithContext(ctx, http.MethodPost, c.base.String(), buf)
}

// authenticate adds the form token md5(username + password + time) the API expects.
func (c *Client) authenticate(form url.Values, now time.Time) {
	ts := strconv.FormatInt(now.UnixMilli(), 10)
	sum := md5.Sum([]byte(c.username + c.password + ts))
	form.Set("token", hex.EncodeToString(sum[:]))
	form.Set("time", ts)
}

func (c *Client) newFormRequest(ctx context.Context, form url.Values) (*http.Request, error) {
	c.authenticate(form, time.Now())
	return http.NewRequestWithContext(ctx, http.MethodPost, c.base.String(), strings.NewReader(form.Encode()))
}

func (c *Client) createZone(name string) error {
	query := url.Values{}
	query.Add("Action", "CreateZone")
	query.Add("Name", name)
	toSign := "ActionCreateZoneName" + name
	sum := sha1.Sum([]byte(toSign + c.apiSecret))
	query.Add("Signature", hex.EncodeToString(sum[:]))
	resp, err := http.Get(c.base.String() + "?" + query.Encode())
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

type signedBody struct {
	User string `json:"user"`
	Sign string `json:"sign"`
}

func (c *Client) signedCall(ctx context.Context) (*http.Response, error) {
	sig := md5.Sum([]byte(c.username + c.apiSecret))
	raw, err := json.Marshal(signedBody{User: c.username, Sign: hex.EncodeToString(sig[:])})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base.String(), bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	return c.http.Do(req)
}

// ---- positives: our own passwords and tokens ----

type User struct {
	Name         string
	PasswordHash string
}

// register stores an MD5 password hash; the notification request it also sends does not carry the digest.
func register(name, password string) (*User, error) {
	sum := md5.Sum([]byte(password)) // want "MD5 used in a security context \\(input password\\)"
	u := &User{Name: name, PasswordHash: hex.EncodeToString(sum[:])}
	resp, err := http.Post("https://notify.example.com/users", "text/plain", strings.NewReader(name))
	if err != nil {
		return nil, err
	}
	return u, resp.Body.Close()
}

func signSession(secret, user string) string {
	sum := sha1.Sum([]byte(user + secret)) // want "SHA-1 used in a security context \\(input secret\\)"
	return hex.EncodeToString(sum[:])
}

// issue hands our own session signature to the browser: a response, not a request to someone else's API.
func issue(secret string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Session", signSession(secret, r.URL.Query().Get("user")))
	}
}

// forward is a handler: r is the incoming request, the token it stamps on it is ours.
func forward(w http.ResponseWriter, r *http.Request) {
	tokenSum := md5.Sum([]byte(r.RemoteAddr)) // want "stored in tokenSum"
	r.Header.Set("X-Internal-Token", hex.EncodeToString(tokenSum[:]))
	w.WriteHeader(http.StatusNoContent)
}

type Store interface {
	Find(name, passwordHash string) (*User, error)
}

// login looks the user up by an MD5 password hash; the request it then sends carries the name, not the digest.
func login(s Store, name, password string) error {
	sum := md5.Sum([]byte(password)) // want "input password"
	u, err := s.Find(name, hex.EncodeToString(sum[:]))
	if err != nil {
		return err
	}
	resp, err := http.Post("https://audit.example.com/logins", "text/plain", strings.NewReader(u.Name))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
