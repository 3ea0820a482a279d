module example.com/old

go 1.16

require (
	github.com/patrickmn/go-cache v2.1.0+incompatible
	github.com/docker/docker v20.10.24+incompatible
)
