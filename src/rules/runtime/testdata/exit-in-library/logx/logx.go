package logx

import (
	"fmt"
	"os"
)

func Fatal(v ...any) { fmt.Fprintln(os.Stderr, v...); os.Exit(1) }

func Write(v ...any) {
	if _, err := fmt.Fprintln(os.Stdout, v...); err != nil {
		os.Exit(3) // want "os.Exit in library package logx"
	}
}
