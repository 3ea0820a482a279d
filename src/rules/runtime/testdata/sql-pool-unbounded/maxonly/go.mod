module example.com/maxonly

go 1.22
