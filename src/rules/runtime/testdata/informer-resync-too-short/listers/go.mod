module example.com/listers

go 1.22
