module example.com/ctxstruct

go 1.22
