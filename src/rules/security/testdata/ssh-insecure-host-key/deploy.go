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

// the operator's explicit "none" (a known_hosts_file setting) is an opt-in; the silent default branch is not
func hostKeys(knownHostsFile string, cfg *ssh.ClientConfig) error {
	switch {
	case knownHostsFile == "none":
		cfg.HostKeyCallback = ssh.InsecureIgnoreHostKey() // want "accepts any server key when a setting asks for it \\(`knownHostsFile == \"none\"`\\)"
	case knownHostsFile != "":
		cb, err := knownhosts.New(knownHostsFile)
		if err != nil {
			return err
		}
		cfg.HostKeyCallback = cb
	default:
		cfg.HostKeyCallback = ssh.InsecureIgnoreHostKey() // want "accepts any server key: the connection"
	}
	return nil
}

func hostKeyMode(mode string, cfg *ssh.ClientConfig) {
	switch mode {
	case "off":
		cfg.HostKeyCallback = ssh.InsecureIgnoreHostKey() // want "when a setting asks for it"
	}
}

// "anything but none" is not an opt-in to skipping verification
func notNone(path string, cfg *ssh.ClientConfig) {
	if path != "none" {
		cfg.HostKeyCallback = ssh.InsecureIgnoreHostKey() // want "accepts any server key: the connection"
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
