package limited

import "net/http"

func Handler(mux *http.ServeMux) http.Handler {
	return http.MaxBytesHandler(mux, 1<<20)
}
