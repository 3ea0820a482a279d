module example.com/manual

go 1.22
