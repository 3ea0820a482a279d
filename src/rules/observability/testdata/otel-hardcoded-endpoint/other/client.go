package other

// A WithEndpoint from an unrelated package (a cloud SDK) is not an OpenTelemetry exporter option.
import (
	"example.com/cloud/hcloud"
	_ "go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
)

func New() {
	hcloud.NewClient(hcloud.WithEndpoint("https://api.hetzner.cloud/v1"))
}
