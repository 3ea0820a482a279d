package tele

import (
	"net/http"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

// Outgoing calls are instrumented: they inject trace context through the global propagator.
var Client = &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport)}
