module example.com/nodirective
