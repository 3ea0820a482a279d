module example.com/rowserr

go 1.22
