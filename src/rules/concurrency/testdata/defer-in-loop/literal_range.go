package deferloop

import (
	"context"
	"database/sql"
	"os"
)

// a range over a literal of two pools: two connections held until return, on purpose
func pairStatus(rw, ro *sql.DB) (map[string]bool, error) {
	pools := map[string]*sql.DB{
		"rw": rw,
		"ro": ro,
	}
	out := map[string]bool{}
	for name, db := range pools {
		conn, err := db.Conn(context.Background())
		if err != nil {
			return nil, err
		}
		defer conn.Close()
		out[name] = true
	}
	return out, nil
}

func inPlace() error {
	for _, p := range []string{"/etc/a", "/etc/b", "/etc/c"} {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
	}
	return nil
}

// still reported: the literal grows before the loop, or the range is over a parameter
func grown(extra []string) error {
	paths := []string{"/etc/a"}
	paths = append(paths, extra...)
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close() // want "defer f.Close inside a loop"
	}
	return nil
}

func added(m map[string]*sql.DB, more *sql.DB) error {
	pools := map[string]*sql.DB{"a": more}
	pools["b"] = more
	for _, db := range pools {
		conn, err := db.Conn(context.Background())
		if err != nil {
			return err
		}
		defer conn.Close() // want "defer conn.Close inside a loop"
	}
	return nil
}
