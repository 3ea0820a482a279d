module example.com/ws/ext

go 1.22

require (
	example.com/ws/lib v1.0.0
	github.com/google/uuid v1.6.0
)
