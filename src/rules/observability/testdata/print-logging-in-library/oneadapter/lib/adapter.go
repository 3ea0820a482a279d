package lib

import "github.com/go-logr/logr"

// A single adapter file handing a logger to a third-party library does not make logr the module's logger.
func Discard() logr.Logger { return logr.Discard() }
