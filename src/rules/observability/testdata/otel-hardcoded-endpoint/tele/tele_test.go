package tele

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
)

// Tests may point at a local collector.
func TestExport(t *testing.T) {
	_, _ = otlptracegrpc.New(context.Background(), otlptracegrpc.WithEndpoint("localhost:4317"))
}
