package respcheck

import (
	"fmt"
	"io"
	"log"
	"net/http"
)

type API struct {
	client *http.Client
	base   string
}

func deferredClose(url string) error {
	resp, err := http.Get(url)
	defer resp.Body.Close() // want "using resp before checking for errors"
	if err != nil {
		return err
	}
	return nil
}

func statusFirst(c *http.Client, req *http.Request) (int, error) {
	res, err := c.Do(req)
	code := res.StatusCode // want "using res before checking for errors: res is nil when c.Do fails"
	if err != nil {
		return 0, err
	}
	return code, nil
}

func (a *API) ping() error {
	r, e := a.client.Head(a.base + "/ping")
	fmt.Println("pinged", r.Status) // want "using r before checking"
	return e
}

// negatives

func checked(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func nilGuard(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if resp != nil {
		defer resp.Body.Close()
	}
	if err != nil {
		return err
	}
	return nil
}

func deferredGuard(url string) {
	resp, err := http.Post(url, "text/plain", nil)
	defer func() {
		if resp != nil && resp.Body != nil {
			resp.Body.Close()
		}
	}()
	if err != nil {
		log.Print(err)
	}
}

func combined(url string) error {
	resp, err := http.Get(url)
	if err != nil || resp.StatusCode != http.StatusOK {
		return fmt.Errorf("get %s: %v", url, err)
	}
	return resp.Body.Close()
}

type fake struct{}

func (fake) Get(string) (*http.Response, error) { return nil, nil }

func notAClient(f fake) {
	resp, err := f.Get("x")
	_ = resp.Status // f is not an *http.Client
	_ = err
}

func unzip(resp *http.Response) error {
	if resp == nil {
		return nil
	}
	return nil
}

func passedOn(c *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := c.Do(req)
	if zerr := unzip(resp); zerr != nil { // the callee tests for nil
		return nil, zerr
	}
	return resp, err
}

func newClient() *http.Client { return &http.Client{} }

func makeClient[T any]() *T { return new(T) }

func fromConstructor(url string) int {
	c := newClient()
	resp, err := c.Get(url)
	code := resp.StatusCode // want "using resp before checking for errors: resp is nil when c.Get fails"
	if err != nil {
		return 0
	}
	return code
}

func fromGenericConstructor(url string) {
	c := makeClient[http.Client]()
	res, _ := c.Get(url)
	defer res.Body.Close() // want "the error of c.Get is discarded"
}

func errorDiscarded(url string) string {
	resp, _ := http.Get(url)
	return resp.Status // want "using resp before checking for errors: the error of http.Get is discarded"
}

// negatives: the discarded error's response is nil-guarded; a generic constructor of another type

func discardedGuarded(url string) {
	resp, _ := http.Get(url)
	if resp != nil {
		resp.Body.Close()
	}
}

type fakeClient struct{}

func (fakeClient) Get(string) (*http.Response, error) { return nil, nil }

func notAClient(url string) {
	c := makeClient[fakeClient]()
	res, _ := c.Get(url)
	fmt.Println(res.Status)
}
