package lib

import (
	"fmt"
	"log"
)

// This module has no structured logger: the standard log package is its logger.
func Do() {
	log.Printf("doing")
	fmt.Println("done")
}
