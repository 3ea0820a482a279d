package pooled

import (
	"database/sql"
	"time"
)

type Config struct {
	MaxOpen  int
	Lifetime time.Duration
}

func (c Config) apply(db *sql.DB) {
	db.SetMaxOpenConns(c.MaxOpen)
	db.SetConnMaxIdleTime(c.Lifetime)
}
