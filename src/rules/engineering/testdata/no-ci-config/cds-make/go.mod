module example.com/cds-make

go 1.22
