module example.com/addpath

go 1.24
