package carrier

import (
	"context"
	"net/http"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

func Setup(exp sdktrace.SpanExporter) {
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))) // want "never calls otel.SetTextMapPropagator"
}

// Manual injection through the (no-op) global propagator.
func Inject(ctx context.Context, req *http.Request) {
	otel.GetTextMapPropagator().Inject(ctx, propagation.HeaderCarrier(req.Header))
}
