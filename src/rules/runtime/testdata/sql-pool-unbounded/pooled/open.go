package pooled

import "database/sql"

func Open(dsn string, cfg Config) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	cfg.apply(db)
	return db, nil
}
