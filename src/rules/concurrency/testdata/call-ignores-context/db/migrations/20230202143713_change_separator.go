package migrations

import (
	"context"
	"database/sql"
)

// A numbered migration is frozen history: run once per database, never edited. Not reported.
func upChangeSeparator(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.Exec("update library set path = replace(path, ':', ';')")
	return err
}
