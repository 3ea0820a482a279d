package deploy

import (
	"net"

	"golang.org/x/crypto/ssh"
	xssh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

func plain(user string, auth ssh.AuthMethod) *ssh.ClientConfig {
	return &ssh.ClientConfig{
		User:            user,
		Auth:            []ssh.AuthMethod{auth},
		HostKeyCallback: ssh.InsecureIgnoreHostKey(), // want "ssh.InsecureIgnoreHostKey\\(\\) accepts any server key"
	}
}

func aliased(cfg *xssh.ClientConfig) {
	cfg.HostKeyCallback = xssh.InsecureIgnoreHostKey() // want "accepts any server key"
}

func acceptAll(user string) *ssh.ClientConfig {
	return &ssh.ClientConfig{
		User: user,
		HostKeyCallback: func(hostname string, remote net.Addr, key ssh.PublicKey) error { // want "this HostKeyCallback returns nil for every key"
			return nil
		},
	}
}

func optIn(insecure bool, cfg *ssh.ClientConfig) {
	if insecure {
		cfg.HostKeyCallback = ssh.InsecureIgnoreHostKey() // want "accepts any server key"
	}
}

// ---- negatives ----

func verified(path string) (*ssh.ClientConfig, error) {
	cb, err := knownhosts.New(path)
	if err != nil {
		return nil, err
	}
	return &ssh.ClientConfig{HostKeyCallback: cb}, nil
}

func pinned(key ssh.PublicKey) *ssh.ClientConfig {
	return &ssh.ClientConfig{HostKeyCallback: ssh.FixedHostKey(key)}
}

func logging(key ssh.PublicKey, check ssh.HostKeyCallback) *ssh.ClientConfig {
	return &ssh.ClientConfig{HostKeyCallback: func(h string, r net.Addr, k ssh.PublicKey) error {
		return check(h, r, k)
	}}
}

// a local function of the same name is not the ssh package's
func InsecureIgnoreHostKey() {}

func local() { InsecureIgnoreHostKey() }
