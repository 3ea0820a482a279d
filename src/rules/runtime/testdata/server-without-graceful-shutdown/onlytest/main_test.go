package main

import (
	"net/http"
	"testing"
)

func TestServe(t *testing.T) {
	go http.ListenAndServe(":0", nil)
}
