package x

import "crypto/tls"

// Constant expressions fold: the value is true whatever its spelling.

const skipAlways = !false

func notFalse() *tls.Config {
	return &tls.Config{InsecureSkipVerify: !false} // want "InsecureSkipVerify: true"
}

func viaConst() *tls.Config {
	return &tls.Config{InsecureSkipVerify: skipAlways} // want "InsecureSkipVerify: true"
}

func viaLocal() *tls.Config {
	skip := true
	return &tls.Config{InsecureSkipVerify: skip} // want "InsecureSkipVerify: true"
}

// ---- negatives ----

func notTrue() *tls.Config {
	return &tls.Config{InsecureSkipVerify: !true}
}

// A variable written again (here from a parameter) is not a constant.
func reassigned(insecure bool) *tls.Config {
	skip := true
	skip = insecure
	return &tls.Config{InsecureSkipVerify: skip}
}
