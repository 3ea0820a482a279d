// A one-shot command-line program: each run fetches once and exits.
package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"example.com/sendblock/internal/fetch"
	"example.com/sendblock/internal/shared"
)

func main() {
	root := &cobra.Command{
		Use: "fetchtool",
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := fetch.Latest(context.Background(), func() string { return "v1" })
			fmt.Println(v, shared.Name())
			return err
		},
	}
	_ = root.Execute()
}
