// Commands declared as package-level values: the framework runs the selected command's hooks once per process.
package main

import (
	"context"
	"log"
	"time"

	"github.com/spf13/cobra"
)

var rootCmd = &cobra.Command{
	Use: "syncer",
	RunE: func(cmd *cobra.Command, args []string) error {
		startSync(cmd.Context())
		return nil
	},
}

var watchCmd = &cobra.Command{Use: "watch", RunE: watch}

func main() {
	rootCmd.AddCommand(watchCmd)
	_ = rootCmd.Execute()
}

// once per process, from the root command's hook
func startSync(ctx context.Context) {
	go func() {
		for {
			time.Sleep(time.Minute)
			log.Println("sync")
		}
	}()
}

// once per process, as the watch command's hook
func watch(cmd *cobra.Command, args []string) error {
	follow(cmd.Context())
	return nil
}

func follow(ctx context.Context) {
	go func() {
		for {
			time.Sleep(time.Minute)
			log.Println("watch")
		}
	}()
}

// A Run field of the program's own type is no command hook: a task may run any number of times.
type task struct {
	Run func(context.Context)
}

var tasks = []task{{Run: poll}}

func poll(ctx context.Context) {
	go func() { // want "endless"
		for {
			time.Sleep(time.Second)
		}
	}()
}
