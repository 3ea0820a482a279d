package main

import "example.com/reach/cmd"

func main() {
	cmd.Execute()
}
