package body

import (
	"net/http"
	"testing"
)

func TestGet(t *testing.T) {
	_, err := http.Get("http://localhost")
	_ = err
}
