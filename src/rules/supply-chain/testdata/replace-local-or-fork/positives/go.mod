module example.com/app

go 1.22

require (
	example.com/lib v1.2.3
	example.com/other v1.0.0
	github.com/upstream/mux v1.8.0
	example.com/gone v0.1.0
	example.com/abs v0.1.0
)

replace example.com/lib => ../lib

replace github.com/upstream/mux => github.com/someone/mux v1.8.1-0.20240101000000-abcdefabcdef

replace example.com/gone => ./third_party/gone

replace (
	example.com/abs => /home/dev/abs
	example.com/other v1.0.0 => ../../forks/other
)
