module example.com/acks

go 1.22
