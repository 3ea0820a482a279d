package tele

import (
	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

func Setup(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	otel.SetTracerProvider(tp) // want "never calls otel.SetTextMapPropagator \\(another module of this repository does"
	return tp
}

// Disabling tracing with a no-op provider needs no propagator.
func Disable() {
	otel.SetTracerProvider(noop.NewTracerProvider())
	np := trace.NewNoopTracerProvider()
	otel.SetTracerProvider(np)
}

type registry struct{}

func (registry) SetTracerProvider(tp trace.TracerProvider) {}
func (registry) SetTextMapPropagator(p any)                 {}

// A method with the same name on another type is not the global setter.
func Local(tp trace.TracerProvider) {
	var r registry
	r.SetTracerProvider(tp)
}
