package main

import (
	"net/http"
	"time"
)

func main() {
	http.DefaultClient.Timeout = time.Minute // want "modifies the process-wide http.DefaultClient"
}
