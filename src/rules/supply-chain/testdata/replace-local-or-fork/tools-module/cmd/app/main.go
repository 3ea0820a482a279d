package main

import "github.com/upstream/log"

func main() { log.Info("started") }
