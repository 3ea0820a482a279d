module github.com/acme/acme-operator

go 1.26
