package obs

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are registered by another package of the module.
func Register(mux *http.ServeMux) { mux.Handle("/metrics", promhttp.Handler()) }
