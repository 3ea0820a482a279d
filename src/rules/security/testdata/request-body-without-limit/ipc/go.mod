module example.com/ipc

go 1.22
