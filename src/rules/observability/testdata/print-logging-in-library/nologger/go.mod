module example.com/nologger

go 1.22
