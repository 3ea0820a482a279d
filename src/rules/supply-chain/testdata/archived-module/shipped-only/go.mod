module example.com/svc

go 1.22

require (
	github.com/golang/mock v1.6.0
	github.com/pkg/errors v0.9.1
)
