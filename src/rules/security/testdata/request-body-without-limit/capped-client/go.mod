module example.com/cappedclient

go 1.22
