package nilctx

import (
	"context"
	"database/sql"

	"example.com/nilctx/creds"
)

// names ending in Context are not evidence of a context.Context parameter

type placeholders struct{ values map[string]string }

type probe struct{ url string }

// EvaluateWithContext takes a placeholder store; nil means "no placeholders".
func (p *probe) EvaluateWithContext(ph *placeholders) bool {
	return ph == nil || len(ph.values) > 0
}

func (p *probe) Evaluate() bool {
	return p.EvaluateWithContext(nil)
}

func credentialsOK() bool {
	c := creds.New()
	_, err := c.GetWithContext(nil)
	return err == nil
}

// the well-known APIs are still judged

func firstName(db *sql.DB) string {
	var n string
	_ = db.QueryRowContext(nil, "select name from users").Scan(&n) // want "nil passed as the context of QueryRowContext"
	return n
}

func ping(db *sql.DB) error {
	return db.PingContext(nil) // want "PingContext"
}

type worker struct{}

func (w *worker) runContext(ctx context.Context, n int) error { return ctx.Err() }

func runAll(w *worker) error {
	return w.runContext(nil, 1) // want "nil passed as the context of runContext"
}
