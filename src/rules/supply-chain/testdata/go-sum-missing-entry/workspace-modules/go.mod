module example.com/ws

go 1.22

require example.com/ws/lib v0.3.0
