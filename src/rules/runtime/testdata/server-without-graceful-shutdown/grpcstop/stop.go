package main

import "time"

func stopLater() {
	t := time.NewTimer(time.Hour)
	<-t.C
	t.Stop()
	srv.Stop()
}
