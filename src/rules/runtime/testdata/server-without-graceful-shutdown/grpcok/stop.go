package main

var done = make(chan struct{})

func stopOnDone() {
	<-done
	gs.GracefulStop()
}
