package store

import "database/sql"

func helper(db *sql.DB, name string) {
	db.Query("SELECT id FROM users WHERE name = '" + name + "'")
}
