module example.com/defnames

go 1.24
