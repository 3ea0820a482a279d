module example.com/actioncopy

go 1.24
