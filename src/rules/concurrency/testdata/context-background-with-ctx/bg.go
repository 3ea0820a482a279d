package bgctx

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

type Store struct{ db *sql.DB }

func (s *Store) Touch(ctx context.Context, id int) error {
	qctx, cancel := context.WithTimeout(context.Background(), 5*time.Second) // want "context.Background\(\) inside a function that received ctx"
	defer cancel()
	_, err := s.db.ExecContext(qctx, "update users set seen = now() where id = $1", id)
	return err
}

func (s *Store) Load(ctx context.Context) error {
	_, err := s.db.QueryContext(context.TODO(), "select 1") // want "context.TODO\(\) inside a function that received ctx"
	return err
}

func (s *Store) handle(w http.ResponseWriter, r *http.Request) {
	if err := s.Touch(context.Background(), 1); err != nil { // want "received r.Context\(\)"
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func (s *Store) each(ctx context.Context, ids []int) {
	for _, id := range ids {
		func() {
			_ = s.Touch(context.Background(), id) // want "context.Background"
		}()
	}
}

// negatives

func (s *Store) async(ctx context.Context) {
	go func() {
		_ = s.Touch(context.Background(), 2)
	}()
}

func (s *Store) cleanup(ctx context.Context) {
	defer func() {
		c, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = s.Touch(c, 3)
	}()
}

func (s *Store) fallback(ctx context.Context) error {
	if ctx == nil {
		ctx = context.Background()
	}
	return s.Touch(ctx, 4)
}

func (s *Store) explainedDetach(ctx context.Context) error {
	// the audit record must be written even if the caller has gone away
	return s.Touch(context.Background(), 5)
}

func (s *Store) noCtx() error {
	return s.Touch(context.Background(), 6)
}

func (s *Store) blank(_ context.Context) error {
	return s.Touch(context.Background(), 7)
}

var _ = func() error { return (&Store{}).Touch(context.Background(), 8) }
