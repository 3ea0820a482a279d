package rnd

import (
	"math/rand"
	"testing"
)

func TestToken(t *testing.T) {
	token := rand.Int()
	_ = token
}
