module example.com/app

go 1.22

require (
	go.opentelemetry.io/otel v1.30.0
	github.com/sirupsen/logrus v1.9.3
)
