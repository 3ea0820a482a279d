module example.com/tickerstop

go 1.21
