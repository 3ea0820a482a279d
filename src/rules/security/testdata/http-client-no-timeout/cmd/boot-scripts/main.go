// A one-shot program run unattended at boot (no command-line framework): nobody is there to interrupt a hang.
package main

import (
	"context"
	"log"
	"os"

	"example.com/x/internal/bootfetch"
)

func main() {
	for _, u := range os.Args[1:] {
		if err := bootfetch.Run(context.Background(), u); err != nil {
			log.Print(err)
		}
	}
}
