package main

import "runtime/debug"

func main() { debug.SetMemoryLimit(400 << 20) }
