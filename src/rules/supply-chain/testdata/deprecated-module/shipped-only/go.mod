module example.com/svc

go 1.22

require (
	github.com/dgrijalva/jwt-go v3.2.0+incompatible
	github.com/satori/go.uuid v1.2.0
)
