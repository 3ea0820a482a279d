module example.com/agent

go 1.21

require (
	github.com/shirou/gopsutil v3.21.11+incompatible
	github.com/shirou/gopsutil/v3 v3.24.5
	github.com/docker/distribution v2.8.3+incompatible
	github.com/distribution/reference v0.6.0
	github.com/cenkalti/backoff v2.2.1+incompatible
	github.com/evanphx/json-patch v4.12.0+incompatible
)
