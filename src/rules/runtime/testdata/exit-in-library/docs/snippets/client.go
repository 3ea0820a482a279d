// Documentation snippet compiled with the docs.
package snippets

import "log"

func Connect(addr string) {
	if addr == "" {
		log.Fatal("no address") // not reported: docs/ (code role docs)
	}
}
