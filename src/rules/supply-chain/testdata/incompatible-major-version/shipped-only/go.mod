module example.com/svc

go 1.16

require (
	github.com/acme/cache v2.1.0+incompatible
	github.com/acme/retry v3.0.0+incompatible
	github.com/acme/dockerclient v20.10.0+incompatible
	github.com/acme/assert v2.2.0+incompatible
	github.com/acme/linked v4.0.0+incompatible
)
