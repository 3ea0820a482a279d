module example.com/kenv

go 1.22
