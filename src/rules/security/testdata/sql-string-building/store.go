package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

const usersTable = "users"

var columns = []string{"id", "name", "email"}

type Store struct {
	db    *sql.DB
	x     *sqlx.DB
	conn  *pgx.Conn
	table string
	owner string
}

type Req struct{ ID string }

// ---- positives ----

func (s *Store) ByName(ctx context.Context, name string) (*sql.Rows, error) {
	return s.db.QueryContext(ctx, "SELECT id FROM users WHERE name = '"+name+"'") // want "built by concatenation from `name`, which comes from parameter `name`"
}

func (s *Store) FromTable(table string) *sql.Row {
	return s.db.QueryRow(fmt.Sprintf("SELECT count(*) FROM %s", table)) // want "built by fmt.Sprintf from `table`"
}

func (s *Store) DeleteVar(id string) error {
	q := "DELETE FROM users WHERE id = " + id
	_, err := s.db.Exec(q) // want "comes from parameter `id`"
	return err
}

func (s *Store) Search(status, name string) (*sql.Rows, error) {
	q := "SELECT id FROM users WHERE status = $1"
	if name != "" {
		q += " AND name LIKE '%" + name + "%'"
	}
	return s.db.Query(q, status) // want "from `name`"
}

func (s *Store) Owned() (*sql.Rows, error) {
	return s.db.Query("SELECT id FROM docs WHERE owner = '" + s.owner + "'") // want "inserts non-constant `s.owner` as a value"
}

func (s *Store) Handler(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	rows, _ := s.db.Query("SELECT id FROM users WHERE name='" + name + "'") // want "parameter `r`"
	_ = rows
}

func Update(tx *sql.Tx, id int, email string) error {
	_, err := tx.Exec(fmt.Sprintf("UPDATE users SET email = %v WHERE id = %d", email, id)) // want "fmt.Sprintf from `email`"
	return err
}

func Built(db *sql.DB, filter string) error {
	var sb strings.Builder
	sb.WriteString("SELECT id FROM users WHERE ")
	sb.WriteString(filter)
	_, err := db.Query(sb.String()) // want "parameter `filter`"
	return err
}

func (s *Store) Sqlx(kind string) error {
	var ids []int
	return s.x.Select(&ids, "SELECT id FROM items WHERE kind = '"+kind+"'") // want "from `kind`"
}

func (s *Store) Pgx(ctx context.Context, id string) error {
	_, err := s.conn.Query(ctx, "SELECT * FROM t WHERE id = "+id) // want "from `id`"
	return err
}

func (s *Store) Decode(w http.ResponseWriter, r *http.Request) {
	var req Req
	_ = json.NewDecoder(r.Body).Decode(&req)
	s.db.Exec("DELETE FROM t WHERE id = '" + req.ID + "'") // want "from `req.ID`"
}

func (s *Store) Lookup() {
	s.db.Exec("DELETE FROM sessions WHERE id = " + currentID()) // want "inserts non-constant `currentID\\(\\)` as a value"
}

func (s *Store) Multi(ctx context.Context, names []string) {
	for _, n := range names {
		s.db.ExecContext(ctx, `INSERT INTO tags (name) VALUES ('`+n+`')`) // want "parameter `names`"
	}
}

// ---- negatives ----

func (s *Store) Const() (*sql.Rows, error) {
	return s.db.Query("SELECT " + "id FROM " + usersTable + " WHERE active")
}

func (s *Store) Placeholder(ctx context.Context, name string) (*sql.Rows, error) {
	return s.db.QueryContext(ctx, "SELECT id FROM users WHERE name = $1", name)
}

func (s *Store) Quoted(table string) (*sql.Rows, error) {
	return s.db.Query("SELECT id FROM " + pq.QuoteIdentifier(table) + " WHERE id = $1")
}

func (s *Store) Sanitized(table string) (*sql.Rows, error) {
	return s.db.Query(fmt.Sprintf("SELECT id FROM %s", pgx.Identifier{table}.Sanitize()))
}

func (s *Store) Numbers(limit int, offset int64) (*sql.Rows, error) {
	q := fmt.Sprintf("SELECT id FROM users LIMIT %d OFFSET %v", limit, offset)
	return s.db.Query(q)
}

func (s *Store) Itoa(limit string, n int) (*sql.Rows, error) {
	return s.db.Query("SELECT id FROM users LIMIT " + strconv.Itoa(n) + " -- " + strconv.Quote(limit))
}

func (s *Store) InList(ids []any) (*sql.Rows, error) {
	q := "SELECT id FROM users WHERE id IN (" + strings.Repeat("?,", len(ids)-1) + "?)"
	return s.db.Query(q, ids...)
}

func (s *Store) InList2(ids []any) (*sql.Rows, error) {
	var marks []string
	for range ids {
		marks = append(marks, "?")
	}
	return s.db.Query("SELECT id FROM users WHERE id IN ("+strings.Join(marks, ",")+")", ids...)
}

func (s *Store) InList3(ids []any) (*sql.Rows, error) {
	placeholders := make([]string, len(ids))
	return s.db.Query(fmt.Sprintf("SELECT id FROM users WHERE id IN (%s)", strings.Join(placeholders, ",")), ids...)
}

func (s *Store) ConfiguredTable() (*sql.Rows, error) {
	return s.db.Query(fmt.Sprintf("SELECT id FROM %s WHERE id = $1", s.table), 1)
}

func (s *Store) Columns() (*sql.Rows, error) {
	return s.db.Query("SELECT " + strings.Join(columns, ", ") + " FROM users")
}

func (s *Store) NotSQL(c *Container, dir string) {
	c.Exec("mkdir -p " + dir)
}

func (s *Store) PassedIn(q string) (*sql.Rows, error) {
	return s.db.Query(q)
}

func (s *Store) Escaped(name string) (*sql.Rows, error) {
	return s.db.Query("SELECT id FROM users WHERE name = '" + strings.ReplaceAll(name, "'", "''") + "'")
}

func (s *Store) Numbered(n int) (*sql.Rows, error) {
	q := "SELECT id FROM users WHERE a = $1"
	for i := 2; i <= n; i++ {
		q += " OR a = $" + strconv.Itoa(i)
	}
	return s.db.Query(q)
}

func (s *Store) OrderBy() (*sql.Rows, error) {
	return s.db.Query(fmt.Sprintf("SELECT id FROM users ORDER BY %s LIMIT %s", s.order(), limitClause()))
}

func (s *Store) LocalConst() (*sql.Rows, error) {
	const where = " WHERE deleted = false"
	q := "SELECT id FROM users" + where
	return s.db.Query(q)
}

func (s *Store) CacheGet(m *Cache, key string) {
	m.Get("SELECT " + key)
}

func (s *Store) LocalLiteral() {
	name := "admin"
	s.db.Exec("DELETE FROM users WHERE name = '" + name + "'")
}

func (s *Store) Bool(flag bool) {
	s.db.Exec(fmt.Sprintf("UPDATE users SET active = %t", flag))
}

func (s *Store) order() string   { return "id" }
func limitClause() string        { return "10" }
func currentID() string          { return "1" }

type Container struct{}

func (c *Container) Exec(cmd string) {}

type Cache struct{}

func (c *Cache) Get(k string) {}

type Migrator struct {
	db  *sql.DB
	cfg struct{ Table, Engine string }
}

func (m *Migrator) Ensure() error {
	query := "SHOW TABLES LIKE '" + m.cfg.Table + "'"
	if _, err := m.db.Query(query); err == nil { // want "inserts non-constant `m.cfg.Table` as a value"
		return nil
	}
	if m.cfg.Engine != "" {
		query = fmt.Sprintf("CREATE TABLE %s (v int) ENGINE=%s", m.cfg.Table, m.cfg.Engine)
	} else {
		query = "CREATE TABLE " + m.cfg.Table + " (v int)"
	}
	_, err := m.db.Exec(query)
	return err
}

func (m *Migrator) Sequential() error {
	q := "SELECT id FROM t WHERE name = '" + m.cfg.Table + "'"
	m.db.Query(q) // want "inserts non-constant"
	q = "DROP TABLE " + m.cfg.Table
	_, err := m.db.Exec(q)
	return err
}

type datastore struct{ *sql.DB }

func (db *datastore) now() string          { return "NOW()" }
func (db *datastore) typeVarChar(n int) string { return "VARCHAR(" + strconv.Itoa(n) + ")" }

func (db *datastore) Expired() (*sql.Rows, error) {
	return db.Query("SELECT id FROM sessions WHERE expires < " + db.now())
}

func migrate(db *datastore) error {
	_, err := db.Exec("CREATE TABLE t (name " + db.typeVarChar(255) + " NOT NULL)")
	return err
}

func (s *Store) dialectHelper() {
	s.db.Exec("DELETE FROM t WHERE created < " + s.db.now())
}

func (db *datastore) tableExists(t string) bool {
	var dummy string
	return db.QueryRow("SHOW TABLES LIKE '"+t+"'").Scan(&dummy) == nil // want "from `t`, which comes from parameter `t`"
}

type update struct{ Updates, Conditions string; Params []any }

func newUpdate() *update                       { return &update{} }
func (u *update) Set(v *string, col string) *update { return u }

func (s *Store) Builder(title *string) {
	q := newUpdate().Set(title, "title")
	s.db.Exec("UPDATE collections SET "+q.Updates+" WHERE "+q.Conditions, q.Params...)
}

func (s *Store) LocalHelper(name string) {
	s.db.Exec("SELECT id FROM t WHERE " + whereName(name))
	s.db.Exec("SELECT id FROM t WHERE name = " + whereName(name)) // want "inserts non-constant `whereName\\(name\\)` as a value"
}

func whereName(string) string { return "name = ?" }
