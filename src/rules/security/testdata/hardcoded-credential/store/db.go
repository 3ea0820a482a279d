package store

type Session struct {
	ID            string
	AuthToken     string
	DownloadToken string
}

type SessionMap map[string]Session

func (m SessionMap) Get(name string) Session { return m[name] }

var rows []Session

func insert(s Session) { rows = append(rows, s) }

// InitDb prepares the database of a running server.
func InitDb() {
	CreateDefaultFixtures()
}

// InitTestDb resets the database for the tests.
func InitTestDb() {
	rows = nil
	CreateDefaultFixtures()
	CreateTestFixtures()
}
