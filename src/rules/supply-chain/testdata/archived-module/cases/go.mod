module example.com/app

go 1.22

require (
	github.com/dgrijalva/jwt-go v3.2.0+incompatible
	github.com/golang/protobuf v1.5.4
	github.com/pkg/errors v0.9.1 // indirect
	github.com/golang-jwt/jwt/v5 v5.2.1
	k8s.io/klog v1.0.0
	k8s.io/klog/v2 v2.130.1
	github.com/mitchellh/mapstructure v1.5.0
	github.com/golang/mock v1.6.0
)

replace github.com/golang/mock => go.uber.org/mock v0.5.0
