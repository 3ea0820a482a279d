module example.com/withprop

go 1.22
