package testutil

import "fmt"

func Dump(v any) { fmt.Println(v) }

func Diff(a, b string) {
	fmt.Printf("- %s\n+ %s\n", a, b)
}
