module go.acme.io/server/vanity

go 1.24

require (
	go.acme.io/api v1.2.1-0.20250101000000-abcdefabcdef
	go.other.io/api v1.2.1-0.20250101000000-abcdefabcdef
)
