package body

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

type notice struct {
	Code int
	Body string
}

// Read to EOF (or to a read error) on every path that gets the response: the transport takes the connection back
// (or closes it when the read fails), so the missing Close leaks nothing.

func tokenFrom(client *http.Client, r *http.Request) (string, error) {
	var err error
	var authResponse *http.Response
	if authResponse, err = client.Do(r); err != nil {
		return "", err
	}
	body, _ := io.ReadAll(authResponse.Body)
	var out struct{ Token string }
	if err := json.Unmarshal(body, &out); err != nil {
		return "", err
	}
	return out.Token, nil
}

func notify(u, data string, n *notice) error {
	resp, err := http.Post(u, "application/json", strings.NewReader(data))
	if err != nil {
		return fmt.Errorf("post: %w", err)
	}
	n.Code = resp.StatusCode
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	n.Body = string(b)
	return nil
}

func discardBoth(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, resp.Body)
		return errors.New(resp.Status)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// Reported: a path leaves the body unread.

func drainOnSuccessOnly(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req) // want "response resp from c.Do is never closed"
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotFound {
		return nil, nil
	}
	return io.ReadAll(resp.Body)
}

// A limited read stops before EOF.
func limited(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req) // want "response resp from c.Do is never closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(resp.Body, 1024))
}

// The body read is another response's.
func otherBody(c *http.Client, a, b *http.Request) ([]byte, error) {
	first, err := c.Do(a)
	if err != nil {
		return nil, err
	}
	defer first.Body.Close()
	second, err := c.Do(b) // want "response second from c.Do is never closed"
	if err != nil {
		return nil, err
	}
	_ = second.StatusCode
	return io.ReadAll(first.Body)
}

// A decoder stops at the end of the JSON value, before EOF.
func decodeOnly(c *http.Client, req *http.Request, v any) error {
	resp, err := c.Do(req) // want "response resp from c.Do is never closed"
	if err != nil {
		return err
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// In a loop: read to EOF before the next iteration, the error branch skips to it with no response.
func pollDrained(c *http.Client, u string, done <-chan struct{}, tick <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		case <-tick:
			resp, err := c.Get(u)
			if err != nil {
				continue
			}
			_, _ = io.Copy(io.Discard, resp.Body)
		}
	}
}

// A loop that never reads the body: every iteration leaves one open, though no exit follows the call.
func pollForever(c *http.Client, u string, tick <-chan struct{}) {
	for range tick {
		resp, err := c.Get(u) // want "response resp from c.Get is never closed"
		if err != nil || resp.StatusCode != 200 {
			continue
		}
	}
}

// The next iteration may return before this one's response is read.
func pollThenReturn(c *http.Client, u string, done <-chan struct{}, tick <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		case <-tick:
			resp, err := c.Get(u) // want "response resp from c.Get is never closed"
			if err != nil || resp.StatusCode != 200 {
				continue
			}
		}
	}
}
