package main

import _ "go.uber.org/automaxprocs"

func main() {}
