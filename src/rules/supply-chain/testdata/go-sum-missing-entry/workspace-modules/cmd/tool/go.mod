module example.com/ws/cmd/tool

go 1.22

require (
	example.com/ws v0.3.0
	example.com/ws/lib v0.3.0
	example.com/fork v1.0.0
	github.com/google/uuid v1.6.0
	golang.org/x/sync v0.7.0
	golang.org/x/text v0.14.0
)
