module example.com/envconfigured

go 1.22
