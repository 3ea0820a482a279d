module example.com/debugendpoints

go 1.22
