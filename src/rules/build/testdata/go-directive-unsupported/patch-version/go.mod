module example.com/patch

go 1.23rc1
