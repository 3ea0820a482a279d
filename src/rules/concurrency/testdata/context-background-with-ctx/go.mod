module example.com/bgctx

go 1.22
