package telemetry

import (
	"math"

	sdklog "go.opentelemetry.io/otel/sdk/log"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

const spanQueue = 10 * 1000 * 1000

func Blocking(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp, sdktrace.WithBlocking())) // want "WithBlocking makes span.End wait"
}

func Huge(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {
	bsp := sdktrace.NewBatchSpanProcessor(exp, sdktrace.WithMaxQueueSize(spanQueue)) // want "sdktrace.WithMaxQueueSize\\(spanQueue\\) is effectively unbounded"
	return sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(bsp))
}

func Max(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp, sdktrace.WithMaxQueueSize(math.MaxInt32))) // want "effectively unbounded"
}

func Logs(exp sdklog.Exporter) *sdklog.LoggerProvider {
	return sdklog.NewLoggerProvider(sdklog.WithProcessor(sdklog.NewBatchProcessor(exp, sdklog.WithMaxQueueSize(1<<24)))) // want "sdklog.WithMaxQueueSize\\(1<<24\\)"
}

// ---- negatives ----

func Sized(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp, sdktrace.WithMaxQueueSize(8192), sdktrace.WithMaxExportBatchSize(1024)))
}

func Configured(exp sdktrace.SpanExporter, size int) *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp, sdktrace.WithMaxQueueSize(size)))
}

func DebugOnly(exp sdktrace.SpanExporter, debug bool) *sdktrace.TracerProvider {
	opts := []sdktrace.BatchSpanProcessorOption{}
	if debug {
		opts = append(opts, sdktrace.WithBlocking())
	}
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp, opts...))
}

// a project function of the same name
func WithBlocking() bool { return true }

func own() bool { return WithBlocking() }
