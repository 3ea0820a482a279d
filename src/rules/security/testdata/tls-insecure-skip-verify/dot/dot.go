package dot

import . "crypto/tls"

func dotted() *Config {
	return &Config{InsecureSkipVerify: true} // want "InsecureSkipVerify"
}
