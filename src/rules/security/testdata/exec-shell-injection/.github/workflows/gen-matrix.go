package main

//go:generate go run ./gen-matrix.go

import (
	"fmt"
	"log"
	"os/exec"
)

// A CI helper run by `go generate` to write the workflow's job matrix: CI tooling, it does not ship.
func jobs(suite string) []byte {
	out, err := exec.Command("bash", "-c", fmt.Sprintf("grep -l %s ./integration/*.go", suite)).Output()
	if err != nil {
		log.Fatal(err)
	}
	return out
}

func main() {
	for _, s := range []string{"unit", "race"} {
		fmt.Printf("%s\n", jobs(s))
	}
}
