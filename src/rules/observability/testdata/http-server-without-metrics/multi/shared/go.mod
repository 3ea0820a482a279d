module example.com/multi/shared

go 1.22
