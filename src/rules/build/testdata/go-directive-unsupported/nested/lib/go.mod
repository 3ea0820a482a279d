module example.com/nested/lib

go 1.22.0

toolchain go1.22.12
