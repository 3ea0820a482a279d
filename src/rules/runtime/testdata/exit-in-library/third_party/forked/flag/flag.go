// A fork of another project's package kept under third_party/: not this project's code.
package flag

import "os"

func Parse(args []string) {
	if len(args) == 0 {
		os.Exit(2) // not reported: third_party/ (code role third-party)
	}
}
