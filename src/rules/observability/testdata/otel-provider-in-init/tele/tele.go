package tele

import (
	"context"
	"log"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetricgrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	promexp "go.opentelemetry.io/otel/exporters/prometheus"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	sdklog "go.opentelemetry.io/otel/sdk/log"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

var registry []func()

func init() {
	exp, err := otlptracegrpc.New(context.Background()) // want "otlptracegrpc.New creates an OpenTelemetry exporter in func init\\(\\)"
	if err != nil {
		log.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp)) // want "sdktrace.NewTracerProvider creates an OpenTelemetry provider in func init"
	otel.SetTracerProvider(tp)
}

func init() {
	reader, _ := promexp.New()                                          // want "promexp.New creates an OpenTelemetry exporter"
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))) // want "sdkmetric.NewMeterProvider"
	_ = sdklog.NewLoggerProvider()                                      // want "sdklog.NewLoggerProvider"
	func() {
		_, _ = stdouttrace.New() // want "stdouttrace.New creates"
	}()
}

var exporter, _ = otlptracehttp.New(context.Background()) // want "otlptracehttp.New creates an OpenTelemetry exporter in a package-level variable initialiser"

var provider = sdktrace.NewTracerProvider(sdktrace.WithSyncer(nil)) // want "package-level variable"

// A bare provider without processors starts nothing: a common no-op default.
var bare = sdktrace.NewTracerProvider()

func init() {
	// callbacks registered from init run later, from main
	registry = append(registry, func() {
		_, _ = otlpmetricgrpc.New(context.Background())
	})
	go func() {
		_, _ = stdouttrace.New()
	}()
}

// Setup is the right place: context, error path and shutdown.
func Setup(ctx context.Context) (func(context.Context) error, error) {
	exp, err := otlptracegrpc.New(ctx)
	if err != nil {
		return nil, err
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	otel.SetTracerProvider(tp)
	return tp.Shutdown, nil
}

type T struct{}

// A method named init is not the package initialiser.
func (T) init() {
	_, _ = stdouttrace.New()
}

func helper() {
	var local = sdktrace.NewTracerProvider(sdktrace.WithSyncer(nil))
	_ = local
}
