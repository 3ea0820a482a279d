module example.com/cloud/providers

go 1.24

// the go.work replacement (k8s.io/api v0.36.0) has its checksum in the root module's go.sum, which workspace mode
// reads for every member
require k8s.io/api v0.36.3
