module example.com/exposure

go 1.22
