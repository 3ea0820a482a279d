module example.com/proxied

go 1.22
