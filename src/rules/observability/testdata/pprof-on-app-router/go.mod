module example.com/approuter

go 1.22
