package auth

import jwt "github.com/dgrijalva/jwt-go"

// Parse verifies a token.
func Parse(s string, key []byte) (*jwt.Token, error) {
	return jwt.Parse(s, func(*jwt.Token) (interface{}, error) { return key, nil })
}
