module example.com/explicit

go 1.22
