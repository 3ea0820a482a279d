module example.com/tickerstop123

go 1.23
