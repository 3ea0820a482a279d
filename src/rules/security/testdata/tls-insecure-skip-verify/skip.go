package skip

import (
	"crypto/tls"
	stdtls "crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
)

type Options struct {
	Insecure   bool
	SkipVerify bool
}

func literal() *tls.Config {
	return &tls.Config{InsecureSkipVerify: true} // want "InsecureSkipVerify: true"
}

func aliased() *stdtls.Config {
	c := stdtls.Config{
		ServerName:         "db",
		InsecureSkipVerify: true, // want "any certificate is accepted"
	}
	return &c
}

func nested() *http.Client {
	return &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: (true)}, // want "InsecureSkipVerify"
	}}
}

func assigned(tr *http.Transport) {
	tr.TLSClientConfig = &tls.Config{}
	tr.TLSClientConfig.InsecureSkipVerify = true // want "tr.TLSClientConfig.InsecureSkipVerify = true disables"
}

func assignedVar() *tls.Config {
	cfg := &tls.Config{}
	cfg.InsecureSkipVerify = true // want "cfg.InsecureSkipVerify = true"
	return cfg
}

func unrelatedGuard(scheme string) *tls.Config {
	if scheme == "https" {
		return &tls.Config{InsecureSkipVerify: true} // want "InsecureSkipVerify"
	}
	return nil
}

// ---- negatives ----

func fromOption(o Options) *tls.Config {
	return &tls.Config{InsecureSkipVerify: o.Insecure}
}

func fromParam(insecure bool) *tls.Config {
	return &tls.Config{InsecureSkipVerify: insecure}
}

func explicitFalse() *tls.Config {
	return &tls.Config{InsecureSkipVerify: false}
}

func guarded(o Options) *tls.Config {
	cfg := &tls.Config{}
	if o.Insecure {
		cfg.InsecureSkipVerify = true
	}
	return cfg
}

func guardedLiteral(o Options) *tls.Config {
	if o.SkipVerify {
		return &tls.Config{InsecureSkipVerify: true}
	}
	return &tls.Config{}
}

func guardedSwitch(mode string, cfg *tls.Config) {
	switch mode {
	case "insecure":
		cfg.InsecureSkipVerify = true
	}
}

func pinned(fp []byte) *tls.Config {
	return &tls.Config{
		InsecureSkipVerify: true,
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			if len(raw) == 0 {
				return errors.New("no cert")
			}
			return nil
		},
	}
}

func pinnedLater() *tls.Config {
	cfg := &tls.Config{InsecureSkipVerify: true}
	cfg.VerifyConnection = func(cs tls.ConnectionState) error { return nil }
	return cfg
}

func pinnedAssign(cfg *tls.Config) {
	cfg.InsecureSkipVerify = true
	cfg.VerifyPeerCertificate = func(raw [][]byte, _ [][]*x509.Certificate) error { return nil }
}

// Not crypto/tls: a local type with the same field name.
type Config struct{ InsecureSkipVerify bool }

func local() Config {
	return Config{InsecureSkipVerify: true}
}

func shadowed() {
	tls := struct{ Config Config }{}
	_ = tls
}

func reset(cfg *tls.Config) {
	cfg.InsecureSkipVerify = false
}

type info struct{ selfCert bool }

func selfSigned(i info, cfg *tls.Config) {
	if i.selfCert {
		cfg.InsecureSkipVerify = true
	}
}

// certificate inspectors connect to fetch the peer's certificate and examine it themselves
func fetchCertificates(addr string) ([]*x509.Certificate, error) {
	cfg := &tls.Config{ServerName: addr}
	cfg.InsecureSkipVerify = true
	conn, err := tls.Dial("tcp", addr, cfg)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return conn.ConnectionState().PeerCertificates, nil
}

func expiryProbe(addr string) (int, error) {
	conn, err := tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true})
	if err != nil {
		return 0, err
	}
	state := conn.ConnectionState()
	return len(state.PeerCertificates), nil
}

// a client that only reports the negotiated version still accepts any certificate
func versionProbe(addr string) (uint16, error) {
	conn, err := tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true}) // want "InsecureSkipVerify: true"
	if err != nil {
		return 0, err
	}
	return conn.ConnectionState().Version, nil
}

// a server's config: crypto/tls ignores InsecureSkipVerify when accepting connections
func serverConfig(cert tls.Certificate) *tls.Config {
	return &tls.Config{
		Certificates:       []tls.Certificate{cert},
		ClientAuth:         tls.RequestClientCert,
		InsecureSkipVerify: true,
	}
}

func serverConfigAssigned(cert tls.Certificate, pool *x509.CertPool) *tls.Config {
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}}
	cfg.ClientCAs = pool
	cfg.InsecureSkipVerify = true
	return cfg
}

// a client certificate alone does not make a server config
func mutualClient(cert tls.Certificate) *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{cert}, InsecureSkipVerify: true} // want "InsecureSkipVerify: true"
}
