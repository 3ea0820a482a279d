module example.com/mono

go 1.22

require (
	example.com/mono/api v0.0.0-00010101000000-000000000000
	example.com/mono/tools v0.0.0
	cloud.google.com/go v0.120.0
)

replace example.com/mono/api => ./api

replace example.com/mono/tools => ./tools/

replace cloud.google.com/go => cloud.google.com/go v0.123.0
