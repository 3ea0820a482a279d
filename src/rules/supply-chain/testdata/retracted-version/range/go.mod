module example.com/app

go 1.22

require example.com/ranged v0.4.2
