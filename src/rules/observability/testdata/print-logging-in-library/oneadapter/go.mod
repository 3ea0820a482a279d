module example.com/oneadapter

go 1.22
