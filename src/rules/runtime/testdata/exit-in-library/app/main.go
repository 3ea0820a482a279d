package main

import (
	"log"
	"os"
)

func init() {
	if len(os.Args) > 5 {
		log.Fatal("too many args")
	}
}

func main() {
	os.Exit(run())
}

func run() int { return 0 }
