module example.com/ws/extra

go 1.22
