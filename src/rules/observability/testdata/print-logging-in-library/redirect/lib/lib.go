package lib

import (
	"fmt"
	"log"
	"log/slog"
)

func Do(l *slog.Logger) {
	l.Info("doing")
	// main calls slog.SetDefault: the standard logger writes through the slog handler
	log.Printf("[WARN] deprecated option")
	fmt.Println("still bypasses the logger") // want "fmt.Println in library package lib"
}
