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

// One scrape's pool, closed by the function that opened it and handed to nobody: not reported.
func probeOnce(dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Ping()
}

// Closed here on the error path only, returned otherwise: a long-lived pool.
func openChecked(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn) // want "sql.Open opens a connection pool"
	if err != nil {
		return nil, err
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
