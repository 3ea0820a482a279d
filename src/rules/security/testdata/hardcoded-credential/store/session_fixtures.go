package store

// Fixture data inserted by the test set-up only (CreateTestFixtures <- InitTestDb): not shipped secrets.

var SessionFixtures = SessionMap{
	"alice": {
		ID:            "sess-alice",
		AuthToken:     "7c1e04f9d2a8b3e6f0c5d7a9b1e3f5a7c9d0e2f4a6b8c1d3",
		DownloadToken: "dl7q2x9k",
	},
}

func CreateSessionFixtures() {
	for _, s := range SessionFixtures {
		insert(s)
	}
}
