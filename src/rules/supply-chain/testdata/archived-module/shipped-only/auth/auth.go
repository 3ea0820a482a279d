package auth

import "github.com/pkg/errors"

// Check fails on an empty token.
func Check(tok string) error {
	if tok == "" {
		return errors.New("empty token")
	}
	return nil
}
