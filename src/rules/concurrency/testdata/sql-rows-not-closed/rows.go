package rowsclose

import (
	"context"
	"database/sql"
)

type Repo struct {
	db *sql.DB
}

func (r *Repo) Names(ctx context.Context) ([]string, error) {
	rows, err := r.db.QueryContext(ctx, "select name from users") // want "rows rows from r.db.QueryContext is closed only when rows.Next\\(\\) returns false; the exit at line\\(s\\) 21 leaves"
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
	// closed by database/sql when tx commits or rolls back: not reported
	stmt, err := tx.PrepareContext(ctx, "insert into users(name) values ($1)")
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

func insertEach(ctx context.Context, db *sql.DB, names []string) error {
	stmt, err := db.PrepareContext(ctx, "insert into users(name) values ($1)") // want "statement stmt from db.PrepareContext is never closed"
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

// database/sql closes the rows when Next returns false: a loop that only leaves through its condition drains them

func (r *Repo) drained(ctx context.Context) ([]string, error) {
	rows, err := r.db.QueryContext(ctx, "select name from users")
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			continue
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func countAll(tx *sql.Tx) (total int) {
	var rows *sql.Rows
	var err error
	rows, err = tx.Query("select n from counters")
	if err != nil {
		return 0
	}
	for rows.Next() {
		var n int
		_ = rows.Scan(&n)
		total += n
	}
	return total
}

func (r *Repo) drainedPerGroup(ctx context.Context, groups []string) (int, error) {
	seen := 0
	for _, g := range groups {
		rows, err := r.db.QueryContext(ctx, "select 1 from members where g = $1", g)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			seen++
		}
	}
	return seen, nil
}

func (r *Repo) closedOnEarlyExit(ctx context.Context) (int, error) {
	rows, err := r.db.QueryContext(ctx, "select n from counters")
	if err != nil {
		return 0, err
	}
	total := 0
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return 0, err
		}
		total += n
	}
	return total, nil
}

// still leaked: a path leaves the loop before Next returns false

func (r *Repo) breaksOut(ctx context.Context) (string, error) {
	rows, err := r.db.QueryContext(ctx, "select name from users") // want "the exit at line\\(s\\) 204 leaves them open"
	if err != nil {
		return "", err
	}
	first := ""
	for rows.Next() {
		if err := rows.Scan(&first); err == nil {
			break
		}
	}
	return first, nil
}

func (r *Repo) outerContinue(ctx context.Context, groups []string) int {
	seen := 0
outer:
	for _, g := range groups {
		rows, err := r.db.QueryContext(ctx, "select 1 from members where g = $1", g) // want "rows rows from r.db.QueryContext is closed only when rows.Next\\(\\) returns false"
		if err != nil {
			continue
		}
		for rows.Next() {
			if seen > 10 {
				continue outer
			}
			seen++
		}
	}
	return seen
}

func (r *Repo) requeried(ctx context.Context) int {
	rows, err := r.db.QueryContext(ctx, "select 1") // want "rows rows from r.db.QueryContext is never closed"
	if err != nil {
		return 0
	}
	rows, err = r.db.QueryContext(ctx, "select 2") // want "rows rows from r.db.QueryContext is"
	if err != nil {
		return 0
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n
}

func (r *Repo) jumpsOut(ctx context.Context) int {
	rows, err := r.db.QueryContext(ctx, "select 1") // want "rows rows from r.db.QueryContext is never closed"
	if err != nil {
		return 0
	}
	n := 0
	for rows.Next() {
		n++
		if n > 3 {
			goto done
		}
	}
done:
	return n
}

func (r *Repo) breakLeavesSwitchOnly(ctx context.Context) (int, error) {
	rows, err := r.db.QueryContext(ctx, "select kind from events")
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		var kind string
		if rows.Scan(&kind) != nil {
			panic("unreadable row")
		}
		switch kind {
		case "skip":
			break // leaves the switch, not the loop
		default:
			n++
		}
	}
	return n, rows.Err()
}
