package tracing

import (
	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// No program of the module imports this package, and it reaches no instrumentation itself: nothing to propagate.
func InstallPipeline(exp sdktrace.SpanExporter) func() {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	otel.SetTracerProvider(tp)
	return func() { _ = tp.Shutdown(nil) }
}
