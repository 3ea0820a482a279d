package creds

import (
	"fmt"
	"net/http"
	"os"
)

// ---- positives: credential-like names with secret-looking values ----

const dbPassword = "s3cR3t-Pr0d-9f8a7c" // want "dbPassword is set to a hard-coded secret-looking string \\(18 chars\\)"

var (
	apiKey       = "k9Xq2LmP4vR8tZ1wB6nY" // want "apiKey is set to"
	clientSecret = "Cl1ent$ecret!x7Q"     // want "clientSecret"
)

const (
	AWSSecretAccessKey = "wJalrXUtnFEMIK7MDENGbPxRfiCYzK8q4Lm2Nv9T" // want "AWSSecretAccessKey"
)

type Config struct {
	User     string
	Password string
	Token    string
}

func structField() Config {
	return Config{
		User:     "admin",
		Password: "P@ssw0rd!2024", // want "Password is set to"
	}
}

func assignField(c *Config) {
	c.Token = "Zm9vOmJhcjpiYXo6cXV4" // want "Token is set to"
}

func mapKey() map[string]string {
	return map[string]string{
		"user":          "svc",
		"client_secret": "7f3a9c2e1b8d4f60a5e2", // want "client_secret is set to"
	}
}

func indexKey(m map[string]string) {
	m["api_key"] = "AbC123xYz789QwE456" // want "api_key is set to"
}

func compare(password string) bool {
	return password == "hunter22x" // want "password is set to"
}

func bearer(req *http.Request) {
	authToken := "Bearer abcdef0123456789abcdef" // want "authToken"
	req.Header.Set("Authorization", authToken)
}

func localVar() string {
	privKey := "MIIEvQIBADANBgkqhkiG9w0BAQ" // want "privKey"
	return privKey
}

// ---- positives: well-known key shapes whatever the name ----

var awsID = "AKIAZ7Q2LMNB4XK9RT3V" // want "contains an AWS access key id"

const ghToken = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8" // want "a GitHub token"

func slack() string {
	return "xoxb-2048151230-4096312890-aB3dE5fG7hJ9kL1m" // want "a Slack token"
}

var googleKey = "AIzaSyD4f9Gh2Jk5Lm8Np1Qr4St7Uv0Wx3Yz6Ab" // want "a Google API key"

var stripe = "sk_live_4eC39HqLyjWDarjtT1zdp7dc" // want "a Stripe live key"

const serverKey = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----\n" // want "a PEM private key"

func ecKey() string {
	return `-----BEGIN EC PRIVATE KEY----- // want "a PEM private key"
MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oBAKMe2gfbM6oAoGCCqGSM49
AwEHoUQDQgAEqBG2TfBrNpxP4dcNmODaA7TbQEP8hS4nZcFbXQy9vBvDwt0wTk2m
-----END EC PRIVATE KEY-----`
}


// ---- negatives ----

const (
	passwordEnv     = "DB_PASSWORD"
	tokenFile       = "/var/run/secrets/token"
	secretName      = "kube-system/registry-credentials"
	tokenHeader     = "X-Auth-Token"
	authURL         = "https://auth.internal/oauth2/token"
	passwordKey     = "password"
	defaultAuthMode = "simple"
	tokenType       = "Bearer"
	passwordFmt     = "%s:%s@tcp(%s)/%s"
	apiKeyUsage     = "API key used to authenticate against the upstream service"
	DefaultToken    = "changeme-before-deploy"
	tokenPrefix     = "tok_"
)

var (
	shortPassword = "abc"
	emptyToken    = ""
	placeholder   = "<your-api-key-here>"
	templated     = "${API_TOKEN}"
	gotemplate    = "{{ .Secret }}"
	masked        = "********"
	xs            = "xxxxxxxxxxxxxxxxxxxx"
	secretRef     = "vault.kv.app-secret"
	tokenizer     = "k9Xq2LmP4vR8tZ1wB6nY"
	cacheKey      = "k9Xq2LmP4vR8tZ1wB6nY"
	authHeader    = "Authorization"
	Token         = "InitialClusterToken"
	redisAuth     = "requirepass"
	sessionPass   = "welcome"
	pemHeader     = "-----BEGIN RSA PRIVATE KEY-----"
	awsDocExample = "AKIAIOSFODNN7EXAMPLE"
	fakeGitHub    = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	maxTokens     = "unlimited"
	isPassword    = "s3cR3t-Pr0d-9f8a7c"
	passwordHash  = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
)

func messages(password string) error {
	if password == "" {
		return fmt.Errorf("password must not be empty")
	}
	token := os.Getenv("API_TOKEN")
	if token == "Bearer" {
		return nil
	}
	secret := fmt.Sprintf("%s-%s", token, password)
	_ = secret
	return nil
}

func flags() {
	var password string
	fmt := struct{ StringVar func(*string, string, string, string) }{}
	fmt.StringVar(&password, "password", "", "database password")
}

type Status struct {
	Secret string `json:"secret"`
}

func fromEnv() Config {
	return Config{Password: os.Getenv("PASSWORD"), Token: readToken()}
}

func readToken() string { return "" }

func versions() map[string]string {
	return map[string]string{"token": "v1.2.3-beta", "secret": "github.com/org/repo"}
}

// Names that say the value is fake.
var (
	testSecretKey     = "6d6579e5-a5b9-49fc-a35f-b4feb9b87301"
	dummyClientSecret = "Cl1ent$ecret!x7Q"
	invalidToken      = "Zm9vOmJhcjpiYXo6cXV4"
)

// Ciphertext and addresses are not credentials.
var (
	appEncryptedClientSecret = "Lq3vY2ZzTQm0y1oU4cN7xR8wE5aB6dK9pHs"
	appObscuredClientSecret  = "p0Ttq9Gm1Z3vWkX7nB2cR5yL8dF4hJ6s"
	AuthServiceAddress       = "auth.gateway.acme-corp.io:7777"
	tokenEndpointAddr        = "sso.internal.corp:8443"
)

// The plain value next to them still is.
var appClientSecret = "Lq3vY2ZzTQm0y1oU4cN7xR8wE5aB6dK9pHs" // want "appClientSecret is set to"

type Option struct {
	Name string
	Help string
}

// A help text illustrating the PEM format is documentation, not a key.
var keyOption = Option{
	Name: "key_pem",
	Help: `Raw PEM-encoded private key, on one line with line endings replaced by '\n', like

    key_pem = -----BEGIN RSA PRIVATE KEY-----\nQmFzZTY0\nUGxhY2Vob2xkZXI\nQm9keQ\n-----END RSA PRIVATE KEY-----`,
}

// A header with too short a body to be a key.
const shortPEM = "-----BEGIN EC PRIVATE KEY-----\nQmFzZTY0UGxh\n-----END EC PRIVATE KEY-----\n"

// Prose around a real-sized key still describes it: documentation.
const pemDoc = "Paste a key such as -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY----- into the field"

// AWS's documentation placeholder form shipped as a credential default: low severity; a name saying "example" is documentation
var awsTemporaryAccessKeyID = "ASIAI44QH8DHBEXAMPLE" // want "documentation placeholder form"

func defaultCredentials() map[string]string {
	return map[string]string{
		"aws_access_key": "ASIAI44QH8DHBEXAMPLE", // want "documentation placeholder form"
		"example_key":    "AKIAI44QH8DHBEXAMPLE",
	}
}

// the method protecting a credential, not the credential: PostgreSQL's password_encryption default, a JWT algorithm
func passwordMethod(params map[string]string) string {
	passwordEncryption, ok := params["password_encryption"]
	if !ok {
		passwordEncryption = "scram-sha-256"
	}
	tokenAlgorithm := "HS256"
	return passwordEncryption + tokenAlgorithm
}

// still a credential: an encryption password
var backupEncryptionPassword = "Zq8#vL2!pR7@xW4m" // want "backupEncryptionPassword is set to a hard-coded secret-looking string"
