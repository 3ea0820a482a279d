module example.com/ticks123

go 1.23
