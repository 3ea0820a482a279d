// Test environment helpers (a testenv/ folder): test support, not shipped.
package testenv

import "log"

func MustStart(addr string) {
	if addr == "" {
		log.Fatal("no address")
	}
}

func Launch(addr string) {
	if addr == "" {
		log.Fatal("no address") // not reported: testenv/ is test support (code role)
	}
}
