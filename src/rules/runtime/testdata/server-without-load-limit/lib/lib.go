package lib

import (
	"net/http"
	"os/exec"
)

// A library: whoever serves these handlers decides the limits.
func Run(w http.ResponseWriter, r *http.Request) {
	_ = exec.Command("true").Run()
}
