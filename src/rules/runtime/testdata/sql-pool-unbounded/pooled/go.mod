module example.com/pooled

go 1.22
