module github.com/BurntSushi/toml

go 1.18

retract (
	v1.3.0 // broke decoding of inline tables
)
