module example.com/fatctx

go 1.22
