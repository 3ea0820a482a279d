package perms

import (
	"io/fs"
	"io/ioutil"
	"os"
	"path/filepath"
)

const secretMode = 0o644
const privateMode = 0o600

type Config struct {
	KeyFile   string
	TokenPath string
	CacheDir  string
}

// ---- positives ----

func chmodWorld(p string) error {
	return os.Chmod(p, 0o777) // want "os.Chmod sets mode 0777, which is world-writable"
}

func chmodWorldFile(p string) error {
	return os.Chmod(p, os.FileMode(0666)) // want "world-writable"
}

func explicitWorld(p string, b []byte) error {
	return os.WriteFile(p, b, 0o646) // want "explicitly requests mode 0646 \\(world-writable\\)"
}

func explicitWorldDir(p string) error {
	return os.MkdirAll(p, 0o757) // want "os.MkdirAll explicitly requests mode 0757"
}

func groupWritable(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o664) // want "group-writable file \\(mode 0664\\)"
}

func groupWritableIoutil(p string, b []byte) error {
	return ioutil.WriteFile(p, b, 0660) // want "ioutil.WriteFile creates a group-writable"
}

func keyReadable(b []byte) error {
	return os.WriteFile("server.key", b, 0o644) // want "looks like a secret \\(key\\) with mode 0644, readable by every local user"
}

func keyConst(c *Config, b []byte) error {
	return os.WriteFile(c.KeyFile, b, secretMode) // want "readable by every local user"
}

func tokenGroup(c *Config, b []byte) error {
	return os.WriteFile(c.TokenPath, b, 0o640) // want "secret \\(token\\) with mode 0640, readable by the group"
}

func secretsDir(root string) error {
	return os.MkdirAll(filepath.Join(root, "secrets"), 0o755) // want "secret \\(secrets\\) with mode 0755"
}

func credentialsUmaskIdiom(dir string, b []byte) error {
	return os.WriteFile(filepath.Join(dir, "credentials.json"), b, 0o666) // want "secret \\(credentials\\) with mode 0666"
}

func sshKey(home string, b []byte) error {
	return os.WriteFile(filepath.Join(home, ".ssh", "id_rsa"), b, 0644) // want "secret"
}

func fsMode(p string) error {
	return os.Chmod(p, fs.FileMode(0o776)) // want "0776, which is world-writable"
}

// ---- negatives ----

func umaskIdiomFile(p string, b []byte) error {
	return os.WriteFile(p, b, 0o666)
}

func umaskIdiomDir(p string) error {
	return os.MkdirAll(p, 0o777)
}

func umaskIdiomPerm(p string) error {
	return os.MkdirAll(p, os.ModePerm)
}

func normal(p string, b []byte) error {
	return os.WriteFile(p, b, 0o644)
}

func normalDir(p string) error {
	return os.MkdirAll(p, 0o755)
}

func groupDir(p string) error {
	return os.Mkdir(p, 0o775)
}

func stickyTmp(p string) error {
	return os.Mkdir(p, os.ModeSticky|0o777)
}

func stickyChmod(p string) error {
	return os.Chmod(p, os.ModeSticky|os.ModePerm)
}

func privateKey(b []byte) error {
	return os.WriteFile("server.key", b, privateMode)
}

func privateKeyOpen(c *Config) (*os.File, error) {
	return os.OpenFile(c.KeyFile, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
}

func publicKey(b []byte) error {
	return os.WriteFile("id_rsa.pub", b, 0o644)
}

func publicKey2(dir string, b []byte) error {
	return os.WriteFile(filepath.Join(dir, "public.key"), b, 0o644)
}

func cacheKey(c *Config, cacheKey string, b []byte) error {
	return os.WriteFile(filepath.Join(c.CacheDir, cacheKey), b, 0o644)
}

func authorizedKeys(dir string, b []byte) error {
	return os.WriteFile(filepath.Join(dir, "authorized_keys"), b, 0o644)
}

func noCreate(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0o666|0o020)
}

func variableMode(p string, b []byte, m os.FileMode) error {
	return os.WriteFile(p, b, m)
}

func chmodGroup(p string) error {
	return os.Chmod(p, 0o775)
}

func keysDirGroup(root string) error {
	return os.MkdirAll(filepath.Join(root, "keys"), 0o750)
}

func certReadable(b []byte) error {
	return os.WriteFile("server.crt", b, 0o644)
}

func writeKey(keyPath string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(keyPath), os.FileMode(0755)); err != nil {
		return err
	}
	return os.WriteFile(keyPath, data, os.FileMode(0600))
}

// ---- device nodes, dead branches, what a directory holds ----

func tunDevice() error {
	// a device node: its mode says who may open the device, nothing stored in it can be replaced
	return os.Chmod("/dev/net/tun", 0666)
}

const devFuse = "/dev/fuse"

func fuseDevice() error {
	return os.Chmod(devFuse, 0o666)
}

func shmIsAFile(b []byte) error {
	return os.WriteFile("/dev/shm/state", b, 0o664) // want "group-writable file \\(mode 0664\\)"
}

func deadBranch(k, v string) {
	const appendTo = ""
	if appendTo != "" {
		if f, err := os.OpenFile(appendTo, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o664); err == nil {
			f.Close()
		}
	}
}

const debugDump = false

func deadElse(b []byte) error {
	if !debugDump {
		return nil
	} else {
		return os.WriteFile("dump.out", b, 0o664)
	}
}

var appendList = ""

func liveVarBranch() {
	// a variable may be set at link time (-ldflags -X): the branch is not dead
	if appendList != "" {
		if f, err := os.OpenFile(appendList, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o664); err == nil { // want "group-writable"
			f.Close()
		}
	}
}

func liveConstBranch(b []byte) error {
	const out = "report.txt"
	if out != "" {
		return os.WriteFile(out, b, 0o664) // want "group-writable"
	}
	return nil
}

func openDatastoreIn(dir string) error { return nil }

func providerKeystore(repo string) error {
	keystoreDir := filepath.Join(repo, "provider-keystore")
	// the directory holds a datastore (records), not key files
	if err := os.MkdirAll(keystoreDir, 0o755); err != nil {
		return err
	}
	return openDatastoreIn(filepath.Join(keystoreDir, "v1"))
}

func keystoreFiles(repo string, b []byte) error {
	keystoreDir := filepath.Join(repo, "keystore")
	if err := os.MkdirAll(keystoreDir, 0o755); err != nil { // want "secret \\(keystore\\) with mode 0755"
		return err
	}
	return os.WriteFile(filepath.Join(keystoreDir, "node"), b, 0o600)
}
