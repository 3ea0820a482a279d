module github.com/acme/server

go 1.24

require (
	// the owner's own library, co-developed: pinned by commit on purpose
	github.com/acme/lib v0.3.1-0.20250101000000-abcdefabcdef
	github.com/other/lib v1.2.4-0.20240101120000-abcdef123456
)
