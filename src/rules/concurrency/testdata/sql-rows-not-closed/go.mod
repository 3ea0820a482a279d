module example.com/rowsclose

go 1.22
