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

// One connection (postgres_exporter's per-DSN server): nothing to recycle or rebalance.
func OpenSingle(c driver.Connector) *sql.DB {
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	return db
}

// Two connections keep the lifetime question.
func OpenTwo(c driver.Connector) *sql.DB {
	db := sql.OpenDB(c) // want "SetConnMaxLifetime"
	db.SetMaxOpenConns(2)
	return db
}
