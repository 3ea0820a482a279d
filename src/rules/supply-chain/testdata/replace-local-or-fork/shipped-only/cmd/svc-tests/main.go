package main

import (
	"os"

	_ "example.com/svc/test/suite"
	"github.com/upstream/specs/v2"
)

func main() { os.Exit(specs.RunSpecs()) }
