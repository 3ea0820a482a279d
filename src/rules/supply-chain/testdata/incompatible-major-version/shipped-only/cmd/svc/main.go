package main

import (
	"fmt"

	"example.com/svc/internal/testutil"
	"github.com/acme/cache"
)

func main() {
	fmt.Println(cache.New(), testutil.Name())
}
