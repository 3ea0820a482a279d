package main

import (
	"context"

	"example.com/svc/internal/client"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// Calls the api server of this repository through an instrumented client: the context it would inject is lost.
func main() {
	exp, _ := otlptracegrpc.New(context.Background())
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))) // want "never calls otel.SetTextMapPropagator .*otelhttp.NewTransport .* injects"
	_, _ = client.New().Get("http://api:8080/")
}
