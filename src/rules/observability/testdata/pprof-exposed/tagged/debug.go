//go:build debug

package main

import _ "net/http/pprof"
