package main

import "time"

func main() {
	go func() {
		for {
			time.Sleep(time.Second)
		}
	}()
	run()
}

func run() {
	go func() { // want "endless"
		for {
			time.Sleep(time.Second)
		}
	}()
}
