module example.com/acme/netpol

go 1.22
