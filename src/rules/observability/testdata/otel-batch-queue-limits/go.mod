module example.com/batchlimits

go 1.22
