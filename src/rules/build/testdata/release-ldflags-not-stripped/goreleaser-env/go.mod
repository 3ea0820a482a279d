module example.com/genv

go 1.22
