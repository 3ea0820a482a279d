package telemetry

import (
	"context"
	"net/http"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

func Installed(exp sdktrace.SpanExporter) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp)) // want "TracerProvider tp is never shut down"
	otel.SetTracerProvider(tp)
}

func InstalledInline(r sdkmetric.Reader) {
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(r))) // want "this MeterProvider is installed globally and never shut down"
}

func HandedToInstrumentation(exp sdktrace.SpanExporter, h http.Handler) http.Handler {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp)) // want "TracerProvider tp is never shut down"
	tracer := tp.Tracer("svc")
	_ = tracer
	return otelhttp.NewHandler(h, "svc", otelhttp.WithTracerProvider(tp))
}

// ---- negatives ----

func Deferred(ctx context.Context, exp sdktrace.SpanExporter) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	defer func() { _ = tp.Shutdown(ctx) }()
	otel.SetTracerProvider(tp)
}

func ReturnsShutdown(exp sdktrace.SpanExporter) func(context.Context) error {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	otel.SetTracerProvider(tp)
	return tp.Shutdown
}

func Returned(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	otel.SetTracerProvider(tp)
	return tp
}

type Telemetry struct{ tp *sdktrace.TracerProvider }

func (t *Telemetry) Stored(exp sdktrace.SpanExporter) {
	t.tp = sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	otel.SetTracerProvider(t.tp)
}

func Registered(exp sdktrace.SpanExporter, closers *[]func(context.Context) error) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	*closers = append(*closers, tp.Shutdown)
	otel.SetTracerProvider(tp)
}

func PassedToOwner(exp sdktrace.SpanExporter, keep func(*sdktrace.TracerProvider)) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	keep(tp)
}

// nothing to flush without a processor or reader
func Empty() {
	otel.SetTracerProvider(sdktrace.NewTracerProvider())
}
