// The production package next to the ignored generator is still judged.
package gen

import "crypto/tls"

func Config() *tls.Config {
	return &tls.Config{InsecureSkipVerify: true} // want "InsecureSkipVerify: true"
}
