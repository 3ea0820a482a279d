module example.com/shop

go 1.25

godebug containermaxprocs=0
