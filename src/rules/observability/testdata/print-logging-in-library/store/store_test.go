package store

import (
	"fmt"
	"testing"
)

func TestGet(t *testing.T) {
	fmt.Println("tests may print")
}
