package rowserr

import (
	"context"
	"database/sql"
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
