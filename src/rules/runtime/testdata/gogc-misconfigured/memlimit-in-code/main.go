package main

import "runtime/debug"

func main() { debug.SetMemoryLimit(1 << 30) }
