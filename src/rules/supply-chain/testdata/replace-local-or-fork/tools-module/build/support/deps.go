//go:build tools

// Package support pins the versions of the code generators the Makefile runs.
package support

import (
	_ "github.com/upstream/docgen/cmd/docgen"
	_ "github.com/upstream/lint/cmd/lint"
)
