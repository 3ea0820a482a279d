package main

import (
	"os"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// gorm.Open pings the database unless DisableAutomaticPing is set: a missing DSN fails at start-up, where the rule's
// claim ("the error shows up at the first query") does not hold
func openStore() *gorm.DB {
	db, err := gorm.Open(postgres.Open(os.Getenv("DATABASE_URL")), &gorm.Config{})
	if err != nil {
		panic(err)
	}
	return db
}
