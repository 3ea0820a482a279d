module github.com/prometheus-community/some_exporter

go 1.26
