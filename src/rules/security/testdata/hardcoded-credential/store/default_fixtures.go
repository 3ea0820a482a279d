package store

// Default records every installation gets: shipped, so a credential here is reported.

var DefaultFixtures = SessionMap{
	"service": {
		ID:        "sess-service",
		AuthToken: "4f7b2c9e1a8d3f6b0e5c7a2d9f1b4e8c", // want "AuthToken is set to a hard-coded secret-looking string"
	},
}

func CreateDefaultFixtures() {
	for _, s := range DefaultFixtures {
		insert(s)
	}
}
