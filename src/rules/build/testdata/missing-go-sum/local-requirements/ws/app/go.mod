module example.com/ws/app

go 1.22

require (
	example.com/ws/lib v1.0.0
	example.com/vendored v1.0.0
)
