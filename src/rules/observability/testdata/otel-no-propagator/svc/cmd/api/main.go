package main

import (
	"net/http"

	"example.com/svc/internal/server"
	"example.com/svc/internal/telemetry"
)

func main() {
	telemetry.Setup(nil)
	_ = http.ListenAndServe(":8080", server.Handler(http.NotFoundHandler()))
}
