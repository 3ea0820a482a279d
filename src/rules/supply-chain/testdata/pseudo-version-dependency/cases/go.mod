module example.com/app

go 1.22

require (
	github.com/davecgh/go-spew v1.1.2-0.20180830191138-d8f796af33cc
	github.com/acme/rc v2.0.0-rc.1.0.20240102030405-abcdefabcdef
	google.golang.org/genproto/googleapis/rpc v0.0.0-20260803160001-6ac0973c030d
	github.com/acme/tagged v1.4.0
	github.com/acme/indirect v1.0.1-0.20230101000000-abcdefabcdef // indirect
	github.com/acme/replaced v1.0.1-0.20230101000000-abcdefabcdef
	example.com/app/sub v0.1.1-0.20230101000000-abcdefabcdef
	github.com/acme/prerelease v1.0.0-beta.2
)

replace github.com/acme/replaced => github.com/acme/replaced v1.0.1
