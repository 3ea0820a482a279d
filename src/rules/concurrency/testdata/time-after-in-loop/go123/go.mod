module example.com/after123

go 1.23
