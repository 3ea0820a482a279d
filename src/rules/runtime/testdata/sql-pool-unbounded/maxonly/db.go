package maxonly

import (
	"database/sql"
	"database/sql/driver"
)

func Open(c driver.Connector) *sql.DB {
	db := sql.OpenDB(c) // want "sql.OpenDB opens a connection pool, but nothing in this module calls SetConnMaxLifetime \(or SetConnMaxIdleTime\): connections are never recycled"
	db.SetMaxOpenConns(10)
	return db
}
