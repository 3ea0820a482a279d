module example.com/nilctx

go 1.22
