package main

import (
	"fmt"
	"net/http"
	"os"
)

// CLI tools are reported with low severity (a one-shot request from main is not reported: it runs once).
func main() {
	for _, url := range os.Args[1:] {
		resp, err := http.Get(url) // want "http.Get uses http.DefaultClient"
		fmt.Println(resp, err)
	}
	resp, err := http.Get("https://example.com/version")
	fmt.Println(resp, err)
}
