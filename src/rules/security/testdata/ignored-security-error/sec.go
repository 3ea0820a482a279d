package sec

import (
	crand "crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"database/sql"
	"errors"
	"io"
	"math/big"
	"math/rand"
	"net"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/crypto/bcrypt"
)

// ---- positives ----

func token() []byte {
	b := make([]byte, 32)
	crand.Read(b) // want "error from rand.Read is discarded: if it fails, the buffer may not be random"
	return b
}

func tokenBlank() []byte {
	b := make([]byte, 32)
	_, _ = crand.Read(b) // want "error from rand.Read is assigned to _"
	return b
}

func nonce() []byte {
	b := make([]byte, 12)
	io.ReadFull(crand.Reader, b) // want "io.ReadFull\\(rand.Reader"
	return b
}

func randInt() *big.Int {
	n, _ := crand.Int(crand.Reader, big.NewInt(100)) // want "rand.Int is assigned to _"
	return n
}

func serverConfig() *tls.Config {
	cert, _ := tls.LoadX509KeyPair("server.crt", "server.key") // want "tls.LoadX509KeyPair is assigned to _: if it fails, the server runs with an empty certificate"
	return &tls.Config{Certificates: []tls.Certificate{cert}}
}

func parse(der []byte) *x509.Certificate {
	c, _ := x509.ParseCertificate(der) // want "x509.ParseCertificate"
	return c
}

func pool() *x509.CertPool {
	p, _ := x509.SystemCertPool() // want "x509.SystemCertPool"
	return p
}

func open(dsn string) *sql.DB {
	db, _ := sql.Open("postgres", dsn) // want "sql.Open is assigned to _"
	return db
}

func login(hash, pw []byte) bool {
	bcrypt.CompareHashAndPassword(hash, pw) // want "bcrypt.CompareHashAndPassword is discarded: if it fails, any password is accepted"
	return true
}

func loginBlank(hash, pw []byte) bool {
	_ = bcrypt.CompareHashAndPassword(hash, pw) // want "assigned to _"
	return true
}

func hash(pw []byte) []byte {
	h, _ := bcrypt.GenerateFromPassword(pw, bcrypt.DefaultCost) // want "bcrypt.GenerateFromPassword"
	return h
}

func verify(s string, key any) *jwt.Token {
	t, _ := jwt.Parse(s, func(*jwt.Token) (any, error) { return key, nil }) // want "jwt.Parse is assigned to _: if it fails, an invalid or forged token is accepted"
	return t
}

func handshake(raw net.Conn, cfg *tls.Config) *tls.Conn {
	conn := tls.Client(raw, cfg)
	conn.Handshake() // want "\\(\\*tls.Conn\\).Handshake is discarded"
	return conn
}

func handshakeParam(conn *tls.Conn) {
	_ = conn.Handshake() // want "Handshake is assigned to _"
}

// ---- negatives ----

func checked() ([]byte, error) {
	b := make([]byte, 32)
	if _, err := crand.Read(b); err != nil {
		return nil, err
	}
	return b, nil
}

func mathRand() []byte {
	b := make([]byte, 8)
	rand.Read(b) // math/rand: not a security source, not this rule
	return b
}

func checkedKeyPair() (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair("a", "b")
	if err != nil {
		return nil, err
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}}, nil
}

func compare(hash, pw []byte) bool {
	return bcrypt.CompareHashAndPassword(hash, pw) == nil
}

func compareErr(hash, pw []byte) error {
	err := bcrypt.CompareHashAndPassword(hash, pw)
	return err
}

func passedOn(der []byte) (*x509.Certificate, error) {
	return x509.ParseCertificate(der)
}

type handshaker struct{}

func (handshaker) Handshake() error { return nil }

func otherHandshake(h handshaker) {
	h.Handshake()
}

func readFullOther(r io.Reader, b []byte) {
	io.ReadFull(r, b)
}

func shadowedBcrypt(pw []byte) {
	bcrypt := fakeBcrypt{}
	bcrypt.CompareHashAndPassword(pw, pw)
}

type fakeBcrypt struct{}

func (fakeBcrypt) CompareHashAndPassword(a, b []byte) error { return nil }

// ---- handled on the spot ----

var errUnauthenticated = errors.New("unauthenticated")

// the failure's only effect (a nil pool) is tested right away
func poolOrEmpty() *x509.CertPool {
	roots, _ := x509.SystemCertPool()
	if roots == nil {
		roots = x509.NewCertPool()
	}
	return roots
}

// constant-time padding in the unknown-user branch: the function fails whatever the comparison says
func authenticate(known bool, hash, pw []byte) error {
	if !known {
		bcrypt.CompareHashAndPassword([]byte("$2a$10$padding"), pw)
		return errUnauthenticated
	}
	return bcrypt.CompareHashAndPassword(hash, pw)
}

// ---- still reported: the nil test is not next, or the function goes on to succeed ----

func poolLater() *x509.CertPool {
	roots, _ := x509.SystemCertPool() // want "x509.SystemCertPool"
	use(roots)
	if roots == nil {
		return x509.NewCertPool()
	}
	return roots
}

func use(*x509.CertPool) {}

func loginThenSucceed(hash, pw []byte) error {
	bcrypt.CompareHashAndPassword(hash, pw) // want "bcrypt.CompareHashAndPassword is discarded"
	return nil
}

// ---- the product is discarded with its error, or is only a duration ----

func timingPadding(user string, found bool) error {
	if !found {
		// hash something anyway so an unknown user takes as long as a wrong password
		_, _ = bcrypt.GenerateFromPassword([]byte(user), bcrypt.DefaultCost)
		return errors.New("wrong username or password")
	}
	return nil
}

func timingPaddingStatement(user string) {
	bcrypt.GenerateFromPassword([]byte(user), bcrypt.DefaultCost)
}

func jitter() time.Duration {
	n, _ := crand.Int(crand.Reader, big.NewInt(5000))
	return 50*time.Second + time.Millisecond*time.Duration(n.Int64())
}

func randomID() string {
	n, _ := crand.Int(crand.Reader, big.NewInt(1<<62)) // want "rand.Int is assigned to _"
	return n.String()
}

func storedHash(pw []byte) []byte {
	h, _ := bcrypt.GenerateFromPassword(pw, bcrypt.DefaultCost) // want "bcrypt.GenerateFromPassword"
	return h
}
