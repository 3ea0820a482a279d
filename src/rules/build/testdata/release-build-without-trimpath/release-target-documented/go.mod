module example.com/unrun

go 1.24
