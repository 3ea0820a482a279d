module example.com/app/sub

go 1.22

require example.com/ranged v0.6.0
