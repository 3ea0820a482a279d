module example.com/app

go 1.22

require (
	github.com/docker/docker v28.3.3+incompatible
	github.com/patrickmn/go-cache v2.1.0+incompatible
	github.com/Azure/go-autorest v14.2.0+incompatible // indirect
	github.com/gofrs/uuid/v5 v5.3.0
	github.com/acme/replaced v3.0.0+incompatible
)

replace github.com/acme/replaced => github.com/acme/replaced/v3 v3.0.1

exclude github.com/tencentcloud/tencentcloud-sdk-go v3.0.83+incompatible
