module example.com/app

go 1.22

require go.opencensus.io v0.24.0
