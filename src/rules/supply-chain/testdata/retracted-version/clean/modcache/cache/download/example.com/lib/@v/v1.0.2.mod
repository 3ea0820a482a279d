module example.com/lib

go 1.21

retract v1.0.1
