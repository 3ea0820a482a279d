module example.com/relpath

go 1.24
