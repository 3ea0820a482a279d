module example.com/respcheck

go 1.22
