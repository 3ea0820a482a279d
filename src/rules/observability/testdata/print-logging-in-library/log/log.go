package log

import golog "log"

// The module's own logging package writes through the standard logger by design.
func Infof(format string, v ...any) {
	golog.Printf("[INFO] "+format, v...)
}
