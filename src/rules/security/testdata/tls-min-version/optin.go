package tlsver

import "crypto/tls"

// ServerOptions come from the user's configuration file; every bool defaults to false.
type ServerOptions struct {
	AcceptOldClients bool
	Relaxed          bool
	LegacyProtocols  bool
	TLSEnabled       bool
	Version          string
}

// ---- built only when the user asks for it ----

// A boolean setting picks the weak config; the default path builds a TLS 1.2 one.
func chosen(compatMode bool, certs []tls.Certificate) *tls.Config {
	if compatMode {
		return &tls.Config{Certificates: certs, MinVersion: tls.VersionTLS10}
	}
	return &tls.Config{Certificates: certs, MinVersion: tls.VersionTLS12}
}

// The same through a settings field, with the strong config built first.
func chosenField(o *ServerOptions, certs []tls.Certificate) *tls.Config {
	cfg := &tls.Config{Certificates: certs, MinVersion: tls.VersionTLS12}
	if o.Relaxed {
		cfg = &tls.Config{Certificates: certs, MinVersion: tls.VersionTLS11, MaxVersion: tls.VersionTLS13}
	}
	return cfg
}

// The guard names the weaker protocol as a choice.
func namedChoice(o *ServerOptions) *tls.Config {
	if o.LegacyProtocols || o.AcceptOldClients {
		return &tls.Config{MinVersion: tls.VersionTLS10}
	}
	return nil
}

// A version name parsed from the configuration.
func byName(o *ServerOptions) *tls.Config {
	switch o.Version {
	case "1.0":
		return &tls.Config{MinVersion: tls.VersionTLS10}
	case "1.2":
		return &tls.Config{MinVersion: tls.VersionTLS12}
	}
	return &tls.Config{MinVersion: tls.VersionTLS13}
}

// ---- still reported ----

// Weak whenever TLS is on: the setting enables TLS, not the old protocol, and nothing stronger is offered.
func enabledOnly(o *ServerOptions) *tls.Config {
	if o.TLSEnabled {
		return &tls.Config{MinVersion: tls.VersionTLS10} // want "MinVersion is TLS 1.0"
	}
	return nil
}

// The weak config is the default; the setting turns on the strong one.
func strictOptIn(strict bool) *tls.Config {
	if !strict {
		return &tls.Config{MinVersion: tls.VersionTLS11} // want "MinVersion is TLS 1.1"
	}
	return &tls.Config{MinVersion: tls.VersionTLS12}
}

// The default branch of a switch is what users get without asking.
func byNameDefault(o *ServerOptions) *tls.Config {
	switch o.Version {
	case "1.3":
		return &tls.Config{MinVersion: tls.VersionTLS13}
	default:
		return &tls.Config{MinVersion: tls.VersionTLS10} // want "MinVersion is TLS 1.0"
	}
}
