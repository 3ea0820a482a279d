module example.com/cloud

go 1.24

require k8s.io/api v0.36.3
