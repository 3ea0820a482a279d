module example.com/svc

go 1.22

require (
	github.com/upstream/mux v1.8.0
	github.com/upstream/specs/v2 v2.6.0
	github.com/upstream/golden v0.1.0
	github.com/upstream/yaml v1.0.0 // indirect
)

replace github.com/upstream/mux => github.com/someone/mux v1.8.1

replace github.com/upstream/specs/v2 => github.com/someone/specs/v2 v2.6.1

replace example.com/svc/metadata => ../metadata

replace github.com/upstream/sumonly => github.com/someone/sumonly v0.3.1

replace github.com/upstream/yaml => github.com/someone/yaml v1.0.1

replace github.com/upstream/golden => ../golden
