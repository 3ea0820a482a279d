package main

import sdktrace "go.opentelemetry.io/otel/sdk/trace"

var exporter sdktrace.SpanExporter

func setupTracing() *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exporter, sdktrace.WithBlocking())) // want "WithBlocking makes span.End wait"
}
