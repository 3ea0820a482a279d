module example.com/imgpath

go 1.24
