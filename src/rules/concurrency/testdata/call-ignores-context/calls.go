package noctx

import (
	"context"
	"crypto/tls"
	"database/sql"
	"net"
	"net/http"
	"os/exec"
	"time"
)

type Store struct {
	db *sql.DB
}

type Fetcher struct {
	client *http.Client
}

func (s *Store) Names(ctx context.Context) ([]string, error) {
	rows, err := s.db.Query("select name from users") // want "s.db.Query cannot be cancelled although ctx is in scope: use s.db.QueryContext"
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return nil, rows.Err()
}

func (s *Store) Tx(ctx context.Context) error {
	tx, err := s.db.Begin() // want "use s.db.BeginTx"
	if err != nil {
		return err
	}
	if _, err := tx.Exec("delete from t"); err != nil { // want "tx.Exec cannot be cancelled"
		return err
	}
	return tx.Commit()
}

func (f *Fetcher) Get(ctx context.Context, url string) (*http.Response, error) {
	return f.client.Get(url) // want "f.client.Get cannot be cancelled"
}

func handler(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequest(http.MethodGet, "http://backend/", nil) // want "http.NewRequest cannot be cancelled although r.Context\(\) is in scope"
	_ = req
	resp, err := http.Get("http://backend/") // want "http.Get"
	if err == nil {
		resp.Body.Close()
	}
}

func dials(ctx context.Context, d *net.Dialer) {
	c1, _ := net.Dial("tcp", "db:5432") // want "net.Dial cannot be cancelled"
	c2, _ := d.Dial("tcp", "db:5432")   // want "use d.DialContext"
	c3, _ := tls.Dial("tcp", "db:443", nil) // want "tls.Dial"
	_, _, _ = c1, c2, c3
	go func() {
		_ = exec.Command("sync").Run() // want "exec.Command cannot be cancelled although ctx"
	}()
	_, _ = net.LookupHost("db") // want "net.LookupHost"
}

// negatives

func noContext(url string) error {
	resp, err := http.Get(url) // no ctx in scope: a signature change, not reported
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (s *Store) withContext(ctx context.Context, d *net.Dialer) error {
	if _, err := s.db.ExecContext(ctx, "delete from t"); err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://x/", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	c, err := d.DialContext(ctx, "tcp", "x:1")
	if err == nil {
		c.Close()
	}
	return exec.CommandContext(ctx, "true").Run()
}

type cache struct{}

func (cache) Get(key string) string { return key }
func (cache) Query(q string) error  { return nil }

func otherTypes(ctx context.Context, c cache) {
	_ = c.Get("k")    // not an http client
	_ = c.Query("q")  // not a database/sql handle
	_, _ = net.Listen("tcp", ":0") // listening is not an outbound call
}

func blankContext(_ context.Context) {
	_ = exec.Command("true").Run() // the context is discarded by name: nothing to pass
}

func laterWithContext(ctx context.Context, c *http.Client) error {
	req, err := http.NewRequest(http.MethodGet, "http://x/", nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req.WithContext(ctx))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func timeoutFrom(ctx context.Context) int { return 1 }

func deadlineFromContext(ctx context.Context) {
	conn, err := net.DialTimeout("tcp", "x:1", time.Duration(timeoutFrom(ctx)))
	if err == nil {
		conn.Close()
	}
}

func connectThroughProxy(ctx context.Context, conn net.Conn) error {
	req, err := http.NewRequest(http.MethodConnect, "db:5432", nil)
	if err != nil {
		return err
	}
	return req.Write(conn) // written to a connection by hand: no client to cancel
}

func stoppedByHand(ctx context.Context) error {
	cmd := exec.Command("collector", "--follow")
	go func() {
		select {
		case <-ctx.Done():
			cmd.Process.Kill()
		}
	}()
	return cmd.Run()
}
