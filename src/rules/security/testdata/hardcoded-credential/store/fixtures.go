package store

// CreateTestFixtures inserts every fixture for the tests.
func CreateTestFixtures() {
	CreateSessionFixtures()
}
