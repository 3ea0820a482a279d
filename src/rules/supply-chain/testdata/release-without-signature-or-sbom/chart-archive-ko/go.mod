module example.com/ccm

go 1.24
