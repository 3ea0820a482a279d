package testutil

import (
	"log"
	"os"
)

func RequireRoot() {
	if os.Geteuid() != 0 {
		log.Fatal("must run as root")
	}
}
