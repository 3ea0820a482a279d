package unnamed

import (
	"context"

	"go.opentelemetry.io/otel/sdk/resource"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

func Tracing(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp)) // want "this TracerProvider gets no service.name"
}

func Metrics(ctx context.Context, r sdkmetric.Reader) (*sdkmetric.MeterProvider, error) {
	res, err := resource.New(ctx, resource.WithHost())
	if err != nil {
		return nil, err
	}
	return sdkmetric.NewMeterProvider(sdkmetric.WithReader(r), sdkmetric.WithResource(res)), nil // want "this MeterProvider gets no service.name"
}

// ---- negatives ----

// no options: nothing is exported
func Noop() *sdktrace.TracerProvider { return sdktrace.NewTracerProvider() }
