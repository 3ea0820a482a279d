package wc

import (
	"crypto"
	"crypto/cipher"
	"crypto/des"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/rc4"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"io"
	"math/big"
	weak "crypto/md5"
)

type User struct {
	Name     string
	Password string
}

func desBlock(key []byte) (cipher.Block, error) {
	return des.NewCipher(key) // want "des.NewCipher uses a broken cipher \\(DES\\)"
}

func tripleDES(key []byte) (cipher.Block, error) {
	return des.NewTripleDESCipher(key) // want "3DES"
}

func rc4Stream(key []byte) (*rc4.Cipher, error) {
	return rc4.NewCipher(key) // want "RC4"
}

func hashPassword(u User) string {
	sum := md5.Sum([]byte(u.Password)) // want "MD5 used in a security context \\(input Password\\).*password hashing"
	return hex.EncodeToString(sum[:])
}

func storeDigest(pw string) []byte {
	h := sha1.New() // want "SHA-1 used in a security context \\(input pw\\)"
	io.WriteString(h, pw)
	return h.Sum(nil)
}

func fprint(secret string) []byte {
	h := weak.New() // want "MD5 used in a security context \\(input secret\\)"
	fmt.Fprintf(h, "%s", secret)
	return h.Sum(nil)
}

func deriveToken(seed []byte) string {
	h := sha1.Sum(seed) // want "SHA-1 used in a security context \\(in deriveToken\\)"
	return hex.EncodeToString(h[:])
}

func stored(b []byte) {
	signature := md5.Sum(b) // want "stored in signature"
	_ = signature
}

func signRSA(k *rsa.PrivateKey, digest []byte) ([]byte, error) {
	return rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA1, digest) // want "SHA-1 signature"
}

func certTemplate() *x509.Certificate {
	return &x509.Certificate{
		SerialNumber:       big.NewInt(1),
		SignatureAlgorithm: x509.SHA1WithRSA, // want "SHA-1 signature"
	}
}

// ---- negatives ----

func etag(body []byte) string {
	h := sha1.Sum(body)
	return hex.EncodeToString(h[:])
}

func cacheKey(parts ...string) string {
	h := md5.New()
	for _, p := range parts {
		io.WriteString(h, p)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func memberID(peerURLs string) uint64 {
	hash := sha1.Sum([]byte(peerURLs))
	return uint64(hash[0])
}

func checksumToken(token string) string {
	// a checksum of a token for change detection
	checksum := md5.Sum([]byte(token))
	return hex.EncodeToString(checksum[:])
}

func hmacSHA1(key, msg []byte) []byte {
	m := hmac.New(sha1.New, key)
	m.Write(msg)
	return m.Sum(nil)
}

func oaep(pub *rsa.PublicKey, msg []byte) ([]byte, error) {
	return rsa.EncryptOAEP(sha1.New(), rand.Reader, pub, msg, nil)
}

func strongPassword(pw string) [32]byte {
	return sha256.Sum256([]byte(pw))
}

func signSHA256(k *rsa.PrivateKey, digest []byte) ([]byte, error) {
	return rsa.SignPKCS1v15(rand.Reader, k, crypto.SHA256, digest)
}

func strongTemplate() *x509.Certificate {
	return &x509.Certificate{SignatureAlgorithm: x509.SHA256WithRSA}
}

func fileFingerprint(data []byte) string {
	h := sha1.Sum(data)
	return fmt.Sprintf("%x", h)
}

// Local package-like names are not crypto packages.
type hasher struct{}

func (hasher) Sum(b []byte) []byte { return b }

func local(password []byte) []byte {
	md5 := hasher{}
	return md5.Sum(password)
}
