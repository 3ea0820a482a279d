module example.com/structchan

go 1.22
