package telemetry

import (
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlpmetric/otlpmetricgrpc"
	"go.opentelemetry.io/otel/exporters/prometheus"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
)

// negative: the only reader is a Prometheus exporter (pull: the scrape reads current values, nothing queued to flush)
func PullOnly() {
	e, err := prometheus.New(prometheus.WithNamespace("svc"))
	if err != nil {
		panic(err)
	}
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(e)))
}

// positive: a Prometheus reader beside a periodic push reader still loses the last interval at exit
func PullAndPush(exp *otlpmetricgrpc.Exporter) {
	e, _ := prometheus.New()
	otel.SetMeterProvider(sdkmetric.NewMeterProvider( // want "this MeterProvider is installed globally and never shut down"
		sdkmetric.WithReader(e),
		sdkmetric.WithReader(sdkmetric.NewPeriodicReader(exp)),
	))
}
