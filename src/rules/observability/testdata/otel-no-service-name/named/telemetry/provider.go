package telemetry

import sdktrace "go.opentelemetry.io/otel/sdk/trace"

// the resource comes from another file of the module, which names the service
func Tracing(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(Resource()))
}
