package bare

import (
	"database/sql"

	_ "github.com/lib/pq"
)

func Open(dsn string) (*sql.DB, error) {
	return sql.Open("postgres", dsn) // want "sql.Open opens a connection pool, but nothing in this module calls SetMaxOpenConns or SetConnMaxLifetime"
}

func OpenLocal(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite3", path) // a local file: no server connection limit
	if err != nil {
		return nil, err
	}
	return db, nil
}
