module example.com/sendblock

go 1.22
