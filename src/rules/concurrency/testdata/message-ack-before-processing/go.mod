module example.com/ackfirst

go 1.22
