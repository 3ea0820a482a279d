package x

import "fmt"

const pw = "KjasdlkjapoIKLlka98098sdf012U/rL2sLdBqOHQUlt5Z6kCgKGDyCFA==" // want "pw is set to a hard-coded secret-looking string"

var cred = "KjasdlkjapoIKLlka98098sdf012U/rL2sLdBqOHQUlt5Z6kCgKGDyCFA==" // want "cred is set to a hard-coded secret-looking string"

const bearer = "Bearer: 2lkjdfoiuwer092834kjdwf09" // want "bearer is set to a hard-coded secret-looking string"

func compare(password string) bool {
	return "f62e5bcda4fae4f82370da0c6f20697b8f8447ef" == password // want "password is set to a hard-coded secret-looking string"
}

var dsn = "postgres://app:Zq8x3Vt9LmP2rKw7@db.internal:5432/orders" // want "URL literal carries the password of user `app`"

// ---- negatives ----

// Local development defaults: word-like passwords in a URL are not secrets.
var devDSN = "postgres://postgres:postgres@localhost:5432/app?sslmode=disable"

// A URL without a password, and one with a placeholder.
var (
	plain       = "https://user@example.org/path"
	placeholder = "amqp://guest:${RABBIT_PASSWORD}@rabbit:5672/"
)

// A pointer-width flag name, not a password.
var pwMode = "readonly"

func show() { fmt.Println(pw, cred, bearer, dsn, devDSN, plain, placeholder, pwMode) }
