module example.com/withmetrics

go 1.22
