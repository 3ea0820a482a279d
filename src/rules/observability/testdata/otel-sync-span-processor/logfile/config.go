package logfile

import (
	"context"
	"os"

	"go.opentelemetry.io/otel/exporters/otlp/otlplog/otlploghttp"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	sdklog "go.opentelemetry.io/otel/sdk/log"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

type Config struct {
	Sinks Sinks
}

type Sinks struct {
	Collector CollectorSink
	Disk      DiskSink
}

type CollectorSink struct{ Endpoint string }

type DiskSink struct{ Path string }

func (c CollectorSink) Exporter(ctx context.Context) (sdklog.Exporter, error) {
	return otlploghttp.New(ctx, otlploghttp.WithEndpoint(c.Endpoint))
}

func (c DiskSink) Exporter() (sdklog.Exporter, error) {
	f, err := os.OpenFile(c.Path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	return &lineWriter{f: f}, nil
}

// Both sinks declare their exporter under the same name in sibling branches: each is judged by its own.
func (c Config) Provider(ctx context.Context) *sdklog.LoggerProvider {
	var opts []sdklog.LoggerProviderOption
	if c.Sinks.Collector.Endpoint != "" {
		exporter, _ := c.Sinks.Collector.Exporter(ctx)
		opts = append(opts, sdklog.WithProcessor(sdklog.NewSimpleProcessor(exporter))) // want "sdklog.NewSimpleProcessor exports each log record synchronously"
	}
	if c.Sinks.Disk.Path != "" {
		// a file on local disk: written at once on purpose, no collector on the path
		exporter, _ := c.Sinks.Disk.Exporter()
		opts = append(opts, sdklog.WithProcessor(sdklog.NewSimpleProcessor(exporter)))
	}
	return sdklog.NewLoggerProvider(opts...)
}

// Spans printed on standard output: nothing remote to wait for.
func Console() *sdktrace.TracerProvider {
	exp, _ := stdouttrace.New()
	return sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
}

// A local type that forwards to a collector is a network exporter.
func Forwarding(inner sdktrace.SpanExporter) *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithSyncer(&forwarder{inner: inner})) // want "trace.WithSyncer exports each span synchronously"
}

func Disk(path string) *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sdktrace.NewSimpleSpanProcessor(newSpanFile(path))))
}

// The receiver's name declared again in an inner block: the disk sink declared there is what exports.
func (c CollectorSink) Fallback(path string) *sdklog.LoggerProvider {
	if path != "" {
		c := DiskSink{Path: path}
		exporter, _ := c.Exporter()
		return sdklog.NewLoggerProvider(sdklog.WithProcessor(sdklog.NewSimpleProcessor(exporter)))
	}
	return nil
}

// And the other way round: the receiver is a disk sink, the inner block's collector sink is what exports.
func (d DiskSink) Remote(ctx context.Context, endpoint string) *sdklog.LoggerProvider {
	if endpoint != "" {
		d := CollectorSink{Endpoint: endpoint}
		exporter, _ := d.Exporter(ctx)
		return sdklog.NewLoggerProvider(sdklog.WithProcessor(sdklog.NewSimpleProcessor(exporter))) // want "sdklog.NewSimpleProcessor exports each log record synchronously"
	}
	return nil
}
