module example.com/mono/tools

go 1.22

require example.com/mono/api v0.0.0

replace example.com/mono/api => ../api
