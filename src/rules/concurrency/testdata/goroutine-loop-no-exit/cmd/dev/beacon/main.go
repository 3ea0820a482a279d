// A developer's command (cmd/dev/): a tool to watch beacons by hand, not a command the project ships.
package main

import (
	"log"
	"time"
)

func main() {
	watch()
	select {}
}

func watch() {
	go func() {
		for {
			time.Sleep(time.Second)
			log.Println("beacon")
		}
	}()
}
