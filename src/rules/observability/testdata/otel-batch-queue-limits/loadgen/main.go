package main

import sdktrace "go.opentelemetry.io/otel/sdk/trace"

var exporter sdktrace.SpanExporter

// a trace generator serves nothing: back-pressure is what it wants
func main() {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exporter, sdktrace.WithBlocking()))
	_ = tp
}
