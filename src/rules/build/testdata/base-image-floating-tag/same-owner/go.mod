module github.com/acme/exporter

go 1.24
