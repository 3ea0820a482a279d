module example.com/noctx

go 1.22
