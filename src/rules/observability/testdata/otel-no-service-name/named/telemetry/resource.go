package telemetry

import (
	"go.opentelemetry.io/otel/sdk/resource"
	semconv "go.opentelemetry.io/otel/semconv/v1.26.0"
)

func Resource() *resource.Resource {
	return resource.NewWithAttributes(semconv.SchemaURL, semconv.ServiceName("checkout"))
}
