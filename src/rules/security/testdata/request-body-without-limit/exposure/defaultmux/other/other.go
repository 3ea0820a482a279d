package other

import "net/http"

func Serve() error {
	return http.ListenAndServe(":8086", nil)
}
