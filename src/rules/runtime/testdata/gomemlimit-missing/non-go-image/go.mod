module example.com/acme/pg-operator

go 1.22
