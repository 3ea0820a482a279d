module example.com/app

go 1.22

require github.com/upstream/log v1.2.0

replace github.com/upstream/log => github.com/someone/log v1.2.1
