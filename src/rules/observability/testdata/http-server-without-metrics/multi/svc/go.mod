module example.com/multi/svc

go 1.22
