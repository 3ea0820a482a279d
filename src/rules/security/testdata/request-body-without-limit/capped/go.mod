module example.com/capped

go 1.22
