module github.com/acme/app

go 1.22
