package migrations

import (
	"context"
	"database/sql"
)

// Not a numbered migration: maintained code, reported.
func countRows(ctx context.Context, db *sql.DB) (int, error) {
	var n int
	err := db.QueryRow("select count(*) from library").Scan(&n) // want "cannot be cancelled although ctx is in scope"
	return n, err
}
