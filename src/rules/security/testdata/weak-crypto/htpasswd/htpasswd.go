package htpasswd

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"

	"golang.org/x/crypto/bcrypt"
)

type sha1Pass string
type bcryptPass string

// Validate checks a password against the entry format the operator chose: {SHA} stays supported next to bcrypt.
func Validate(stored interface{}, password string) bool {
	switch rp := stored.(type) {
	case sha1Pass:
		d := sha1.New()
		_, _ = d.Write([]byte(password))
		return string(rp) == base64.StdEncoding.EncodeToString(d.Sum(nil))
	case bcryptPass:
		return bcrypt.CompareHashAndPassword([]byte(rp), []byte(password)) == nil
	}
	return false
}

// The same through a variable and a constant-time compare.
func CheckLegacyPassword(storedHex, password string, cost []byte) bool {
	if len(cost) > 0 {
		return bcrypt.CompareHashAndPassword(cost, []byte(password)) == nil
	}
	sum := md5.Sum([]byte(password))
	got := hex.EncodeToString(sum[:])
	return subtle.ConstantTimeCompare([]byte(got), []byte(storedHex)) == 1
}

// positives

// Only the weak format: nothing stronger to switch to.
func ValidateSHAOnly(stored, password string) bool {
	d := sha1.New() // want "SHA-1 used in a security context"
	_, _ = d.Write([]byte(password))
	return stored == base64.StdEncoding.EncodeToString(d.Sum(nil))
}

// New entries written in the weak format although bcrypt is at hand.
func HashPassword(password string, strong bool) string {
	if strong {
		b, _ := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
		return string(b)
	}
	sum := sha1.Sum([]byte(password)) // want "SHA-1 used in a security context"
	return "{SHA}" + base64.StdEncoding.EncodeToString(sum[:])
}
