package x

import "net/http"

func init() { http.HandleFunc("/only-in-tests", nil) }
