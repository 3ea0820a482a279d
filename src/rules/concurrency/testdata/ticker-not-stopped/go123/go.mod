module example.com/tickers123

go 1.23
