package rnd

import (
	crand "crypto/rand"
	"encoding/hex"
	"fmt"
	"math/rand"
	"strconv"
	"time"
)

const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

type Session struct {
	Token string
	CSRF  string
	Nonce uint64
}

func NewSessionToken() string {
	b := make([]byte, 32)
	for i := range b {
		b[i] = letters[rand.Intn(len(letters))] // want "becomes the result of NewSessionToken"
	}
	return string(b)
}

func generatePassword(n int) string {
	return strconv.Itoa(rand.Int()) // want "generatePassword"
}

func assign() *Session {
	s := &Session{}
	s.Token = fmt.Sprintf("%x", rand.Int63()) // want "becomes Token"
	apiKey := strconv.FormatInt(rand.Int63(), 36) // the same function: a related place of the finding above
	_ = apiKey
	return &Session{Nonce: rand.Uint64()} // the same function: a related place
}

func fill() []byte {
	key := make([]byte, 32)
	rand.Read(key) // want "the buffer key"
	salt := make([]byte, 16)
	_, _ = rand.Read(salt[:]) // the same function: a related place
	return append(key, salt...)
}

var rng = rand.New(rand.NewSource(time.Now().UnixNano()))

func makeOTP() string {
	return fmt.Sprintf("%06d", rng.Intn(1000000)) // want "makeOTP"
}

func csrf() string {
	csrfToken := hex.EncodeToString([]byte(strconv.Itoa(rand.Int()))) // want "becomes csrfToken"
	return csrfToken
}

// ---- negatives ----

func jitter(d time.Duration) time.Duration {
	return d + time.Duration(rand.Int63n(int64(d)))
}

func backoffToken(attempt int) time.Duration {
	return time.Duration(rand.Intn(attempt+1)) * time.Second
}

func pickEndpoint(eps []string) string {
	return eps[rand.Intn(len(eps))]
}

func shuffle(xs []int) {
	rand.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
}

// crypto/rand is fine.
func secureToken() string {
	b := make([]byte, 32)
	_, _ = crand.Read(b)
	return hex.EncodeToString(b)
}

func randomName() string {
	return fmt.Sprintf("snapshot-%016x", rand.Int63())
}

func RandString(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = letters[rand.Intn(len(letters))]
	}
	return string(b)
}

func cacheKey() string {
	key := strconv.Itoa(rand.Int())
	return key
}

func traceID() uint64 {
	traceNum := rand.Uint64()
	return traceNum
}

type bucket struct{ tokens int }

func (b *bucket) refill() {
	b.tokens = rand.Intn(10)
}

func tokenBucketDelay() time.Duration {
	return time.Duration(rand.Intn(100)) * time.Millisecond
}

func sessionTimeout() time.Duration {
	return time.Duration(rand.Intn(30)) * time.Second
}

func newSession() {
	sessionTTL := rand.Intn(60)
	_ = sessionTTL
}

func seed() { rand.Seed(42) }

func readRandom(buf []byte) { rand.Read(buf) }

// A local value named rand is not the package.
func shadowed() string {
	rand := struct{ Intn func(int) int }{}
	token := rand.Intn(5)
	return strconv.Itoa(token)
}
