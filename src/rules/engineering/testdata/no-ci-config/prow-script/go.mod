module example.com/prow-script

go 1.22
