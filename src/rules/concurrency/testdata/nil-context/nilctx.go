package nilctx

import (
	"context"
	"database/sql"
	"net/http"
	"os/exec"
	"time"
)

type Store struct{ db *sql.DB }

func (s *Store) load(ctx context.Context, id string) error {
	_, err := s.db.QueryContext(ctx, "select 1 where id = ?", id)
	return err
}

func fetch(ctx context.Context, url string) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
}

func lookup(name string, ctx context.Context) string { return name }

func nilParent() {
	ctx, cancel := context.WithTimeout(nil, time.Second) // want "nil passed as the context of context.WithTimeout \(it panics"
	defer cancel()
	_ = ctx
}

func nilValue() context.Context {
	return context.WithValue(nil, "k", "v") // want "context.WithValue"
}

func nilRequest(url string) {
	req, _ := http.NewRequestWithContext(nil, http.MethodGet, url, nil) // want "NewRequestWithContext"
	_ = req
	_ = exec.CommandContext(nil, "true") // want "CommandContext"
}

func nilToMethods(db *sql.DB, s *Store, req *http.Request) {
	_, _ = db.ExecContext(nil, "delete from t") // want "ExecContext"
	_ = s.load(nil, "x")                        // want "nil passed as the context of load"
	_ = req.WithContext(nil)                    // want "WithContext \(it panics"
	_, _ = fetch(nil, "http://example.com")     // want "of fetch"
}

// negatives

func passesContext(ctx context.Context, db *sql.DB) {
	_, _ = db.ExecContext(ctx, "delete from t")
	_, _ = fetch(context.TODO(), "http://example.com")
	_ = lookup("x", nil) // the context is not the first parameter
}

func notContexts(m map[string]int) {
	var errs []error
	errs = append(errs, nil)
	_ = copy(nil, []byte("x"))
	json(nil)
}

func json(v any) {}

type other struct{}

func (other) Run(v any) {}

func unknownCallee(o other) {
	o.Run(nil)             // method's first parameter is not a context
	http.Error(nil, "", 0) // http.Error takes a ResponseWriter
}

// Another type's load, declared elsewhere, takes a shard annotation where nil means "none": only a receiver declared
// as *Store is judged by Store.load.
type shardIndex interface{ load(shard *int, id string) error }

type head struct{ ix shardIndex }

func (h *head) names() error {
	return h.ix.load(nil, "x")
}

func storeByValue(s Store) error {
	return s.load(nil, "y") // want "nil passed as the context of load"
}
