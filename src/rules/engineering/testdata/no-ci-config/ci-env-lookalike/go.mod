module example.com/ci-env-lookalike

go 1.22
