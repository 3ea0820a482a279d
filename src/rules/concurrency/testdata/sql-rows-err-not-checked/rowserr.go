package rowserr

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

type Repo struct {
	db *sql.DB
}

func (r *Repo) IDs(ctx context.Context) ([]int, error) {
	rows, err := r.db.QueryContext(ctx, "select id from jobs") // want "rows from r.db.QueryContext is iterated with Next but rows.Err\(\) is never checked"
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func first(tx *sql.Tx) (string, bool) {
	res, err := tx.Query("select name from users limit 1") // want "res from tx.Query"
	if err != nil {
		return "", false
	}
	defer res.Close()
	if !res.Next() {
		return "", false
	}
	var n string
	return n, res.Scan(&n) == nil
}

// negatives

func (r *Repo) checked(ctx context.Context) (n int, err error) {
	rows, err := r.db.QueryContext(ctx, "select 1")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return n, nil
}

func (r *Repo) returnedErr(ctx context.Context) error {
	rows, err := r.db.QueryContext(ctx, "select 1")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

func drain(rows *sql.Rows) error { return rows.Err() }

func (r *Repo) handedOff(ctx context.Context) error {
	rows, err := r.db.QueryContext(ctx, "select 1")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return drain(rows)
}

func (r *Repo) notIterated(ctx context.Context) error {
	rows, err := r.db.QueryContext(ctx, "update t set x = 1 returning x")
	if err != nil {
		return err
	}
	return rows.Close()
}

var errNoRows = errors.New("no rows")

// single-row reads whose no-row branch fails: a read error ends in an error, never in a truncated result
func (r *Repo) tokenCount(ctx context.Context) (int, error) {
	rows, err := r.db.QueryContext(ctx, "select count(*) from tokens")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	if !rows.Next() {
		return 0, errNoRows
	}
	var n int
	if err := rows.Scan(&n); err != nil {
		return 0, err
	}
	return n, nil
}

func (r *Repo) owner(ctx context.Context) (string, error) {
	rows, err := r.db.QueryContext(ctx, "select owner from t limit 1")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var o string
	if rows.Next() {
		if err := rows.Scan(&o); err != nil {
			return "", err
		}
	} else {
		return "", fmt.Errorf("owner not found")
	}
	return o, nil
}

func (r *Repo) mustOne(ctx context.Context) int {
	rows, err := r.db.QueryContext(ctx, "select 1")
	if err != nil {
		panic(err)
	}
	defer rows.Close()
	if !rows.Next() {
		panic("no row")
	}
	var n int
	_ = rows.Scan(&n)
	return n
}

// positives: the no-row branch succeeds (a read failure reads as "no owner"), or returns an err that is nil here
func (r *Repo) reservationOwner(ctx context.Context) (string, error) {
	rows, err := r.db.QueryContext(ctx, "select owner from reservations") // want "rows from r.db.QueryContext"
	if err != nil {
		return "", err
	}
	defer rows.Close()
	if !rows.Next() {
		return "", nil
	}
	var o string
	return o, rows.Scan(&o)
}

func (r *Repo) nilErr(ctx context.Context) (string, error) {
	rows, err := r.db.QueryContext(ctx, "select owner from reservations") // want "rows from r.db.QueryContext"
	if err != nil {
		return "", err
	}
	defer rows.Close()
	if !rows.Next() {
		return "", err
	}
	var o string
	return o, rows.Scan(&o)
}

// a loop as well as a single-row test: the loop can still be cut short
func (r *Repo) both(ctx context.Context) ([]int, error) {
	rows, err := r.db.QueryContext(ctx, "select id from t") // want "rows from r.db.QueryContext"
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, errNoRows
	}
	var ids []int
	for rows.Next() {
		var id int
		_ = rows.Scan(&id)
		ids = append(ids, id)
	}
	return ids, nil
}
