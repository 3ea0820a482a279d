module example.com/app

go 1.22

require (
	example.com/lib v1.0.1
	github.com/BurntSushi/toml v1.3.0
	example.com/unknown v0.1.0
)
