package telemetry

import (
	sdklog "go.opentelemetry.io/otel/sdk/log"
	trace "go.opentelemetry.io/otel/sdk/trace"
)

func Syncer(exp trace.SpanExporter) *trace.TracerProvider {
	return trace.NewTracerProvider(trace.WithSyncer(exp)) // want "trace.WithSyncer exports each span synchronously"
}

func Simple(exp trace.SpanExporter) *trace.TracerProvider {
	return trace.NewTracerProvider(trace.WithSpanProcessor(trace.NewSimpleSpanProcessor(exp))) // want "NewSimpleSpanProcessor exports each span"
}

func Logs(exp sdklog.Exporter) *sdklog.LoggerProvider {
	return sdklog.NewLoggerProvider(sdklog.WithProcessor(sdklog.NewSimpleProcessor(exp))) // want "exports each log record synchronously"
}

// ---- negatives ----

func Batched(exp trace.SpanExporter) *trace.TracerProvider {
	return trace.NewTracerProvider(trace.WithBatcher(exp))
}

func DebugOnly(exp trace.SpanExporter, debug bool) *trace.TracerProvider {
	opts := []trace.TracerProviderOption{trace.WithBatcher(exp)}
	if debug {
		opts = []trace.TracerProviderOption{trace.WithSyncer(exp)}
	}
	return trace.NewTracerProvider(opts...)
}

// a project function of the same name
func WithSyncer(x int) int { return x }

func own() int { return WithSyncer(1) }

// A provider built per notification: the span is the notification, sent before Post returns (notification-controller).
func PostAsSpan(exp trace.SpanExporter, send func(*trace.TracerProvider)) {
	tp := trace.NewTracerProvider(trace.WithSpanProcessor(trace.NewSimpleSpanProcessor(exp)))
	send(tp)
}

// Stored for every later request: the synchronous export lands on their path.
type holder struct{ tp *trace.TracerProvider }

func (h *holder) Init(exp trace.SpanExporter) {
	tp := trace.NewTracerProvider(trace.WithSyncer(exp)) // want "trace.WithSyncer exports each span synchronously"
	h.tp = tp
}

// The per-call provider handed to a helper whose result is kept: the provider itself is not stored (notification-controller's Post).
func PostVia(exp trace.SpanExporter, start func(*trace.TracerProvider) string) string {
	tp := trace.NewTracerProvider(trace.WithSpanProcessor(trace.NewSimpleSpanProcessor(exp)))
	span := start(tp)
	return span
}

// Installed as the global provider: every instrumented request pays the synchronous export.
func Install(exp trace.SpanExporter, set func(*trace.TracerProvider)) {
	tp := trace.NewTracerProvider(trace.WithSyncer(exp)) // want "trace.WithSyncer exports each span synchronously"
	otelSetTracerProvider(tp)
	set(tp)
}

func otelSetTracerProvider(*trace.TracerProvider) {}
