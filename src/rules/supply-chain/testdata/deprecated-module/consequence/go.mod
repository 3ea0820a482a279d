module example.com/store

go 1.22

require (
	github.com/boltdb/bolt v1.3.1
	github.com/satori/go.uuid v1.2.0
	github.com/pkg/errors v0.9.1
)
