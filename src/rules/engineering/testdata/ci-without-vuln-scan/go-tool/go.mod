module example.com/app

go 1.22

tool golang.org/x/vuln/cmd/govulncheck
