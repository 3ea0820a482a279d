package main

import (
	"net/http"
	"os/exec"
)

func run(w http.ResponseWriter, r *http.Request) {
	_ = exec.Command("true").Run()
}

func main() {
	http.HandleFunc("/run", run)
	_ = http.ListenAndServe(":8080", nil)
}
