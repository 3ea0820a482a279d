package v2

import (
	"fmt"
	"math/rand/v2"
)

func NewAPIKey() string {
	return fmt.Sprintf("%016x%016x", rand.Uint64(), rand.Uint64()) // want "NewAPIKey"
}

func sampleIndex(n int) int { return rand.IntN(n) }
