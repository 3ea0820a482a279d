module example.com/defmissing

go 1.24
