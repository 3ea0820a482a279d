package main

import (
	"context"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// A single-process program with no cross-process instrumentation: nothing to propagate.
func main() {
	exp, _ := stdouttrace.New()
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	otel.SetTracerProvider(tp)
	defer tp.Shutdown(context.Background())
	_, span := otel.Tracer("x").Start(context.Background(), "work")
	span.End()
}
