module example.com/ws/lib

go 1.22

// a module of this repository that go.work does not use: the published version is built
require example.com/ws/extra v0.3.0
