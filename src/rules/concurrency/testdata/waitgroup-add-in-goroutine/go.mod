module example.com/wg

go 1.22
