package envconfigured

import (
	"context"

	"go.opentelemetry.io/contrib/exporters/autoexport"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
)

// exporter, endpoint and resource all come from the standard OTEL_* variables: the operator names the service
func Metrics(ctx context.Context) (*sdkmetric.MeterProvider, error) {
	r, err := autoexport.NewMetricReader(ctx)
	if err != nil {
		return nil, err
	}
	return sdkmetric.NewMeterProvider(sdkmetric.WithReader(r)), nil
}
