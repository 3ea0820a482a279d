package telemetry

import (
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

func Always(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(
		sdktrace.WithBatcher(exp),
		sdktrace.WithSampler(sdktrace.AlwaysSample()), // want "WithSampler\\(sdktrace.AlwaysSample\\(\\)\\) samples every trace"
	)
}

func ParentAlways(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithSampler(sdktrace.ParentBased(sdktrace.AlwaysSample()))) // want "overrides OTEL_TRACES_SAMPLER"
}

// ---- negatives ----

func Ratio(exp sdktrace.SpanExporter, rate float64) *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithSampler(sdktrace.ParentBased(sdktrace.TraceIDRatioBased(rate))))
}

func Configured(kind string) sdktrace.Sampler {
	switch kind {
	case "always":
		return sdktrace.AlwaysSample()
	default:
		return sdktrace.TraceIDRatioBased(0.1)
	}
}

func Chosen(exp sdktrace.SpanExporter, all bool) *sdktrace.TracerProvider {
	opts := []sdktrace.TracerProviderOption{sdktrace.WithBatcher(exp)}
	if all {
		opts = append(opts, sdktrace.WithSampler(sdktrace.AlwaysSample()))
	}
	return sdktrace.NewTracerProvider(opts...)
}

// the SDK default: OTEL_TRACES_SAMPLER still applies
func Default(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
}
