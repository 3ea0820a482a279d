module example.com/computed

go 1.24
