module example.com/app/sub

go 1.22
