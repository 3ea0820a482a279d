package other

import (
	"example.com/x/other/trace"
	_ "go.opentelemetry.io/otel/sdk/trace"
)

// Same function names from other packages are not OpenTelemetry constructors.
func init() {
	_ = trace.NewTracerProvider()
	_ = New()
}

func New() int { return 0 }
