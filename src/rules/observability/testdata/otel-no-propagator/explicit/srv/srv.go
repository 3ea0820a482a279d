package srv

import (
	"net/http"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// Propagators handed to the instrumentation explicitly.
func Handler(h http.Handler, exp sdktrace.SpanExporter) http.Handler {
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp)))
	return otelhttp.NewHandler(h, "api", otelhttp.WithPropagators(propagation.TraceContext{}))
}
