module example.com/suites

go 1.24
