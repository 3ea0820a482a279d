module example.com/after

go 1.22
