module example.com/app

go 1.22

replace example.com/a =>
replace => example.com/b v1.0.0
replace example.com/c v1.0.0
