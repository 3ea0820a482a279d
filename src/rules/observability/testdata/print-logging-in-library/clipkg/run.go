package clipkg

import "fmt"

// The package parses flags (in another file): it is a command front-end, stdout is its output.
func Run() {
	fmt.Println("done")
}
