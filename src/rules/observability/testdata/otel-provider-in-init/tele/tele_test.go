package tele

import (
	"testing"

	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
)

var testExp, _ = stdouttrace.New()

func init() {
	_, _ = stdouttrace.New()
}

func TestX(t *testing.T) {}
