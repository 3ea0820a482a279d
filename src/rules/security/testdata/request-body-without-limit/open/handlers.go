package open

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"io/ioutil"
	"net/http"
)

type item struct{ Name string }

func ReadAll(w http.ResponseWriter, r *http.Request) {
	b, err := io.ReadAll(r.Body) // want "io.ReadAll reads r.Body with no size limit"
	if err != nil {
		return
	}
	w.Write(b)
}

func Decode(w http.ResponseWriter, req *http.Request) {
	var it item
	_ = json.NewDecoder(req.Body).Decode(&it) // want "json.NewDecoder reads req.Body"
}

func Closure(w http.ResponseWriter, r *http.Request) {
	parse := func() error {
		var it item
		return xml.NewDecoder(r.Body).Decode(&it) // want "xml.NewDecoder reads r.Body"
	}
	_ = parse()
}

func Register(mux *http.ServeMux) {
	mux.HandleFunc("/legacy", func(w http.ResponseWriter, r *http.Request) {
		b, _ := ioutil.ReadAll(r.Body) // want "ioutil.ReadAll reads r.Body"
		_ = b
	})
}

// ---- negatives ----

// a client reading a response body is not a server handler
func Client(c *http.Client, url string) ([]byte, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// a request without a ResponseWriter: an outbound request being built, not a handler
func Outbound(req *http.Request) ([]byte, error) {
	return io.ReadAll(req.Body)
}

func Streamed(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
}
