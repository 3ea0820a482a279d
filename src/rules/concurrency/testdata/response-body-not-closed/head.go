package body

import (
	"context"
	"errors"
	"net/http"

	"example.com/methods"
)

// A HEAD response has no body (http.NoBody) and the transport takes its connection back at once: nothing to close.

func headPkg(u string) (int, error) {
	r, err := http.Head(u)
	if err != nil {
		return 0, err
	}
	return r.StatusCode, nil
}

func headClient(u string) error {
	c := &http.Client{}
	r, err := c.Head(u)
	if err != nil {
		return err
	}
	if r.StatusCode >= 300 {
		return errors.New(r.Status)
	}
	return nil
}

func headLiteral(c *http.Client, u string) (int64, error) {
	req, err := http.NewRequest("HEAD", u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.ContentLength, nil
}

func headConst(ctx context.Context, c *http.Client, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, u, nil)
	if err != nil {
		return err
	}
	_, err = c.Do(req)
	return err
}

const probeMethod = "HEAD"

func headNamedConst(ctx context.Context, u string) bool {
	req, _ := http.NewRequestWithContext(ctx, probeMethod, u, nil)
	if r, err := http.DefaultClient.Do(req); err != nil || r.StatusCode > 299 {
		return false
	}
	return true
}

func headVariable(c *http.Client, u string) (string, error) {
	method := http.MethodHead
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		return "", err
	}
	resp, err := c.Do(req.WithContext(context.Background()))
	if err != nil {
		return "", err
	}
	return resp.Header.Get("ETag"), nil
}

// A method constant of another package named HEAD (a set of HTTP-method constants).
func headOtherPkg(ctx context.Context, c *http.Client, u string) (int, error) {
	req := mustReq(http.NewRequestWithContext(ctx, methods.HEAD, u, nil))
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	return res.StatusCode, nil
}

func mustReq(r *http.Request, err error) *http.Request {
	if err != nil {
		panic(err)
	}
	return r
}

// Not HEAD, or not known to be: reported.

func getConst(c *http.Client, u string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req) // want "response resp from c.Do is never closed"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func methodParam(c *http.Client, method, u string) (int, error) {
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req) // want "response resp from c.Do is never closed"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// HTTP methods are case-sensitive: "head" is not HEAD for the transport.
func lowerCase(c *http.Client, u string) error {
	req, _ := http.NewRequest("head", u, nil)
	_, err := c.Do(req) // want "response from c.Do is discarded"
	return err
}

func headThenGet(c *http.Client, u string, full bool) error {
	req, _ := http.NewRequest(http.MethodHead, u, nil)
	if full {
		req, _ = http.NewRequest(http.MethodGet, u, nil)
	}
	_, err := c.Do(req) // want "response from c.Do is discarded"
	return err
}

func methodChanged(c *http.Client, u string) error {
	req, _ := http.NewRequest(http.MethodHead, u, nil)
	req.Method = http.MethodGet
	_, err := c.Do(req) // want "response from c.Do is discarded"
	return err
}

func methodVarChanged(c *http.Client, u string, full bool) error {
	m := "HEAD"
	if full {
		m = "GET"
	}
	req, _ := http.NewRequest(m, u, nil)
	_, err := c.Do(req) // want "response from c.Do is discarded"
	return err
}
