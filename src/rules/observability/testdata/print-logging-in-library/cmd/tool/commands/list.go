package commands

import "fmt"

// CLI command implementations print their output.
func List(items []string) {
	for _, it := range items {
		fmt.Println(it)
	}
}
