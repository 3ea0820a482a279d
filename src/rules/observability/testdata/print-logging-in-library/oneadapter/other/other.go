package other

import "log"

func Do() {
	log.Printf("doing")
}
