// Package vendorapi talks to a third-party API whose login wants the MD5 hex of the password.
package vendorapi

import (
	"crypto/md5"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"

	"example.com/x/httpkit"
)

type Client struct {
	user, password, hash string
	saved              map[string]string
}

// the digest is the form the remote login endpoint mandates, built through the project's request helper
func (c *Client) login() (*http.Request, error) {
	sum := md5.Sum([]byte(c.password))
	form := url.Values{"account": {c.user}, "password": {hex.EncodeToString(sum[:])}}
	return httpkit.New(http.MethodPost, "https://api.example.invalid/oauth2/token", strings.NewReader(form.Encode()),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
}

// kept in a field of the client, then put into the JSON body sent through the helper
func (c *Client) loginJSON(password string) (*http.Request, error) {
	sum := md5.Sum([]byte(password))
	c.hash = hex.EncodeToString(sum[:])
	body := `{"password":"` + c.hash + `"}`
	return httpkit.New(http.MethodPost, "https://api.example.invalid/login", strings.NewReader(body))
}

// a helper of the module that builds no request: the digest is stored, still reported
func (c *Client) remember(password string) {
	sum := md5.Sum([]byte(password)) // want "MD5 used in a security context \\(input password\\)"
	c.saved = httpkit.Remember("password", hex.EncodeToString(sum[:]))
}

// a request builder that does not build its request from this argument
func (c *Client) probe(password string) (*http.Request, error) {
	sum := md5.Sum([]byte(password)) // want "MD5 used in a security context \\(input password\\)"
	return httpkit.Probe(hex.EncodeToString(sum[:]), false)
}

// kept in a field, serialized by the project's body helper, then sent through its request helper
func (c *Client) loginBody(password string) (*http.Request, error) {
	sum := md5.Sum([]byte(password))
	c.hash = hex.EncodeToString(sum[:])
	data := struct {
		Account  string `json:"account"`
		Password string `json:"password"`
	}{Account: c.user, Password: c.hash}
	return httpkit.New(http.MethodPost, "https://api.example.invalid/login", httpkit.JSONBody(data))
}

// the helper drops what it is given: the digest is not what is sent
func (c *Client) loginPlaceholder(password string) (*http.Request, error) {
	sum := md5.Sum([]byte(password)) // want "MD5 used in a security context \\(input password\\)"
	data := map[string]string{"password": hex.EncodeToString(sum[:])}
	return httpkit.New(http.MethodPost, "https://api.example.invalid/login", httpkit.Placeholder(data))
}
