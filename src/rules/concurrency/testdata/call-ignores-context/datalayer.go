// A data layer written without contexts: no call in this file passes one to database/sql, so one call site's
// one-word fix is not the change it needs (writefreely, blind sample 2026-12-11).
package noctx

import (
	"database/sql"
	"net/http"
)

type app struct{ db *sql.DB }

func (a *app) deletePost(w http.ResponseWriter, r *http.Request) error {
	var t *sql.Tx
	t, err := a.db.Begin()
	if err != nil {
		return err
	}
	if _, err := t.Exec("DELETE FROM posts WHERE id = ?", r.FormValue("id")); err != nil {
		return err
	}
	// an outbound HTTP call here still is reported: only SQL follows the file's convention
	_, _ = http.Get("http://hook/") // want "http.Get cannot be cancelled"
	return t.Commit()
}
