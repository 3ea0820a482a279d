package main

import (
	"context"

	"go.opentelemetry.io/contrib/instrumentation/runtime"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// A program whose spans stay in the process: it reaches no instrumented server or client (the runtime metrics
// carry no trace context), so a propagator would carry nothing, whatever other programs of the module do.
func main() {
	exp, _ := otlptracegrpc.New(context.Background())
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp)))
	_ = runtime.Start()
	work(context.Background())
}

func work(ctx context.Context) {
	_, span := otel.Tracer("worker").Start(ctx, "work")
	span.End()
}
