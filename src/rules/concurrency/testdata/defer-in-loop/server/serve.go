// A cobra command that serves: its code runs as long as the server, not once.
package server

import (
	"net/http"
	"os"

	"github.com/spf13/cobra"
)

func NewCmdServe() *cobra.Command {
	return &cobra.Command{
		Use: "serve",
		RunE: func(cmd *cobra.Command, args []string) error {
			return http.ListenAndServe(":8080", http.HandlerFunc(handle))
		},
	}
}

func handle(w http.ResponseWriter, r *http.Request) {
	for _, p := range r.URL.Query()["f"] {
		f, err := os.Open(p)
		if err != nil {
			return
		}
		defer f.Close() // want "defer f.Close inside a loop"
	}
}
