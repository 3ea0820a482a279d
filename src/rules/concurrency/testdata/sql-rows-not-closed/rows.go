package rowsclose

import (
	"context"
	"database/sql"
)

type Repo struct {
	db *sql.DB
}

func (r *Repo) Names(ctx context.Context) ([]string, error) {
	rows, err := r.db.QueryContext(ctx, "select name from users") // want "rows rows from r.db.QueryContext is never closed"
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func insertAll(ctx context.Context, tx *sql.Tx, names []string) error {
	stmt, err := tx.PrepareContext(ctx, "insert into users(name) values ($1)") // want "statement stmt from tx.PrepareContext is never closed"
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := stmt.ExecContext(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

func fireAndForget(db *sql.DB) {
	db.Query("select pg_notify('jobs', 'x')") // want "rows from db.Query is discarded"
}

func openAndQuery(ctx context.Context, dsn string) (int, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	res, err := db.QueryContext(ctx, "select 1") // want "rows res"
	if err != nil {
		return 0, err
	}
	res.Next()
	return 1, nil
}

// negatives

func (r *Repo) closed(ctx context.Context) error {
	rows, err := r.db.QueryContext(ctx, "select 1")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

func (r *Repo) returned(ctx context.Context) (*sql.Rows, error) {
	rows, err := r.db.QueryContext(ctx, "select 1")
	return rows, err
}

func scanAll(rows *sql.Rows) error {
	defer rows.Close()
	return rows.Err()
}

func (r *Repo) passedOn(ctx context.Context) error {
	rows, err := r.db.QueryContext(ctx, "select 1")
	if err != nil {
		return err
	}
	return scanAll(rows)
}

func (r *Repo) stmtClosed(ctx context.Context) error {
	stmt, err := r.db.PrepareContext(ctx, "select 1")
	if err != nil {
		return err
	}
	defer func() { _ = stmt.Close() }()
	return nil
}

func (r *Repo) queryRow(ctx context.Context) (n int, err error) {
	err = r.db.QueryRowContext(ctx, "select 1").Scan(&n) // QueryRow releases its connection in Scan
	return n, err
}

type cache struct{}

func (cache) Query(q string) (*cache, error) { return nil, nil }

func notSQL(c cache) {
	res, _ := c.Query("x") // not a database/sql handle
	_ = res
}
