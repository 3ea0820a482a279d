package run

import (
	"os"
	"os/exec"
)

// A script taken whole from the command line: the origin names the input it came from.
func fromArgs() error {
	return exec.Command("sh", "-c", os.Args[1]).Run() // want "non-constant script `os.Args\\[1\\]` \\(untrusted input from os.Args\\)"
}

// A constant script with the input as a positional parameter is the fix, not a finding.
func positional() error {
	return exec.Command("sh", "-c", `grep -- "$1" /etc/hosts`, "sh", os.Args[1]).Run()
}
