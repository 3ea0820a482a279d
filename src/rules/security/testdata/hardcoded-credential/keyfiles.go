package creds

import (
	"os"
	"path/filepath"
)

// ---- negatives: file names, not secrets ----

const defaultPrivateKey = "id_ed25519"

func LoadKey() ([]byte, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(home, ".config", defaultPrivateKey))
}

var serverPrivateKey = "Srv_x9Q2k7.pem"

func PublicKeyPath(dir string) string {
	secretKey := "hk_ed25519"
	_ = serverPrivateKey
	return filepath.Join(dir, secretKey+".pub")
}

// ---- positives: the value itself is the secret ----

const signingKey = "k9Xq2LmZ7vR4tW8p" // want "signingKey is set to a hard-coded secret-looking string"

func SignWith(dir string) ([]byte, error) {
	// the secret is used, a different name is the path
	_ = signingKey
	return os.ReadFile(filepath.Join(dir, "keys"))
}

var adminPassword = "id_q8Zr27xLw" // want "adminPassword is set to a hard-coded secret-looking string"
