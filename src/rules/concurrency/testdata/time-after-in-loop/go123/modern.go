package modern

import "time"

func consume(msgs <-chan string) {
	for {
		select {
		case <-msgs:
		case <-time.After(time.Minute): // no finding: collected once unreferenced since Go 1.23
			return
		}
	}
}
