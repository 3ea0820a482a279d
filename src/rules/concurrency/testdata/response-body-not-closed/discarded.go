package body

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
)

var probeClient *http.Client

// A readiness check called on every probe: each dropped response keeps its connection.
func readyCheck(_ *http.Request) error {
	req, err := http.NewRequest("GET", "https://localhost:9443/healthz", nil)
	if err != nil {
		return err
	}
	req.Header.Add("Content-Type", "application/json")
	_, err = probeClient.Do(req) // want "response from probeClient.Do is discarded"
	return err
}

// A notifier with a request built by a helper of unknown method: reported.
func sendNote(uri, title, msg string) {
	req, err := buildRequest("POST", uri, strings.NewReader(msg), title)
	if err != nil {
		log.Printf("note: %v", err)
	}
	if _, err := http.DefaultClient.Do(req); err != nil { // want "response from http.DefaultClient.Do is discarded"
		log.Printf("note: %v", err)
	}
}

func buildRequest(method, uri string, body io.Reader, title string) (*http.Request, error) {
	req, err := http.NewRequest(method, uri, body)
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	req.Header.Set("Title", title)
	return req, nil
}
