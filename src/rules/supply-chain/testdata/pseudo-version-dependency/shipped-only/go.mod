module example.com/svc

go 1.22

require (
	github.com/acme/client v1.2.4-0.20240101120000-abcdef123456
	github.com/acme/dump v1.1.2-0.20180830191138-d8f796af33cc
)
