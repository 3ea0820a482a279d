package tele

import (
	"context"
	"fmt"
	"os"

	"go.opentelemetry.io/otel/exporters/otlp/otlplog/otlploghttp"
	"go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetricgrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetrichttp"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	tracehttp "go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/exporters/zipkin"
)

const collector = "otel-collector.observability:4317"

var defaultURL = "https://otlp.example.com/v1/traces"

type Config struct {
	Endpoint string
	Port     int
}

func Literal(ctx context.Context) {
	_, _ = otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint("collector:4317"), otlptracegrpc.WithInsecure()) // want "otlptracegrpc.WithEndpoint is given the hard-coded endpoint \"collector:4317\": it overrides OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
	_, _ = tracehttp.New(ctx, tracehttp.WithEndpointURL("http://collector:4318/v1/traces"))                  // want "otlptracehttp.WithEndpointURL is given the hard-coded endpoint"
	_, _ = otlpmetricgrpc.New(ctx, otlpmetricgrpc.WithEndpoint(`localhost:4317`))                             // want "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"
	_, _ = otlpmetrichttp.New(ctx, otlpmetrichttp.WithEndpoint("metrics.internal:4318"))                      // want "otlpmetrichttp.WithEndpoint"
	_, _ = otlploghttp.New(ctx, otlploghttp.WithEndpoint("logs.internal:4318"))                               // want "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"
	_, _ = zipkin.New("http://zipkin:9411/api/v2/spans")                                                       // want "zipkin.New is given the hard-coded endpoint"
}

func ViaNames(ctx context.Context, port int) {
	_, _ = otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint(collector))                   // want "\"otel-collector.observability:4317\" \\(via collector\\)"
	_, _ = tracehttp.New(ctx, tracehttp.WithEndpointURL(defaultURL))                         // want "via defaultURL"
	ep := "collector.prod:4317"
	opts := []otlptracegrpc.Option{otlptracegrpc.WithEndpoint(ep)}                         // want "via ep"
	_, _ = otlptracegrpc.New(ctx, opts...)
	_, _ = otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint(fmt.Sprintf("collector:%d", port))) // want "\"collector:\"…"
	_, _ = otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint("collector:"+fmt.Sprint(port)))    // want "hard-coded"
}

// Configuration, environment and parameters are fine.
func Configured(ctx context.Context, cfg Config, endpoint string) {
	_, _ = otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint(cfg.Endpoint))
	_, _ = otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint(endpoint))
	_, _ = otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint(os.Getenv("COLLECTOR")))
	_, _ = otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint(fmt.Sprintf("%s:%d", cfg.Endpoint, cfg.Port)))
	_, _ = tracehttp.New(ctx, tracehttp.WithEndpointURL("http://"+cfg.Endpoint+"/v1/traces"))
	_, _ = otlptracegrpc.New(ctx)
	_, _ = zipkin.New("")
	_, _ = zipkin.New(cfg.Endpoint)

	// a default overridden from the environment: assigned twice, not hard-coded
	target := "localhost:4317"
	if v := os.Getenv("COLLECTOR"); v != "" {
		target = v
	}
	_, _ = otlptracegrpc.New(ctx, otlptracegrpc.WithEndpoint(target))

	// other options taking strings are not endpoints
	_, _ = tracehttp.New(ctx, tracehttp.WithURLPath("/custom/v1/traces"))
	_, _ = otlptracegrpc.New(ctx, otlptracegrpc.WithHeaders(map[string]string{"x": "y"}))
}

type builder struct{}

func (builder) WithEndpoint(s string) builder { return builder{} }

// Methods named WithEndpoint on other types, and shadowed package names, are not exporter options.
func Unrelated() {
	var b builder
	b.WithEndpoint("collector:4317")
	otlptracegrpc := builder{}
	otlptracegrpc.WithEndpoint("collector:4317")
}
