package spawn

import (
	"os"
	"os/exec"
)

// The child process inherits the environment: Setenv is meaningful here.
func runChild() error {
	os.Setenv("GOGC", "200")
	return exec.Command("worker").Run()
}
