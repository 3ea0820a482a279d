// not one of the workspace modules: go.work does not apply to it
module example.com/ws/sidecar

go 1.22

require example.com/ws/lib v0.3.0
