package main

import "net/http"

// A second server in the same main package: one finding per package.
func admin() {
	http.ListenAndServe("localhost:9090", http.NewServeMux())
}
