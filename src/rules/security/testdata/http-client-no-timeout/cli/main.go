package main

import (
	"fmt"
	"net/http"
)

// CLI tools are reported with low severity.
func main() {
	resp, err := http.Get("https://example.com/version") // want "http.Get uses http.DefaultClient"
	fmt.Println(resp, err)
}
