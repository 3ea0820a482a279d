module example.com/app

go 1.22

require (
	github.com/google/uuid v1.6.0
	golang.org/x/sync v0.7.0 // indirect
	golang.org/x/text v0.14.0
	example.com/old v1.0.0
	example.com/local v0.0.0
	example.com/modonly v1.1.0 // indirect
)

replace example.com/old => example.com/new v1.2.0

replace example.com/local => ./local
