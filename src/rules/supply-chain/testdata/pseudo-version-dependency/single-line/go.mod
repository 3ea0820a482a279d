module example.com/x

go 1.22

require github.com/acme/x v0.3.1-0.20200101000000-abcdefabcdef
