package public

import (
	"encoding/json"
	"flag"
	"io"
	"net/http"
)

var addr = flag.String("public-addr", ":8082", "API address")

func Run() error {
	mux := http.NewServeMux()
	mux.HandleFunc("/submit", submit)
	return http.ListenAndServe(*addr, mux)
}

func submit(w http.ResponseWriter, r *http.Request) {
	var v map[string]string
	_ = json.NewDecoder(r.Body).Decode(&v) // want "json.NewDecoder reads r.Body with no size limit"
}

func RunAll() error {
	mux := http.NewServeMux()
	mux.HandleFunc("/upload", upload)
	return http.ListenAndServe("0.0.0.0:8083", mux)
}

func upload(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body) // want "io.ReadAll reads r.Body with no size limit"
	_ = b
}
