module mixed

go 1.22

require (
	example.com/host v0.0.0
	golang.org/x/sync v0.7.0
)

replace example.com/host v0.0.0 => ../..
