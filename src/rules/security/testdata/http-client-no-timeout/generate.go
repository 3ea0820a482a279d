package clients

// A program run only by go generate is developer tooling: its findings are not reported.
//go:generate go run ./cmd/mkmanifests -out deploy/
// A program go generate runs that a Makefile also builds ships: its findings are.
//go:generate go run example.com/x/cmd/mkassets
