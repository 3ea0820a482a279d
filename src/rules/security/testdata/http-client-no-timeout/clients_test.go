package clients

import (
	"net/http"
	"testing"
)

func TestGet(t *testing.T) {
	_, _ = http.Get("http://localhost")
	_ = &http.Client{}
}
