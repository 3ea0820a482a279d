module example.com/cancel

go 1.22
