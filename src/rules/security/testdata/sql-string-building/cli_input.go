package store

import (
	"bufio"
	"database/sql"
	"flag"
	"fmt"
	"os"
)

// Untrusted input read by the program itself: command-line arguments, flags, standard input.

func byArg(db *sql.DB) {
	q := fmt.Sprintf("SELECT id FROM users WHERE name = '%s'", os.Args[1])
	db.Query(q) // want "untrusted input read from os.Args"
}

func tableFromFlag(db *sql.DB) {
	db.Exec("DELETE FROM " + flag.Arg(0)) // want "untrusted input read from flag.Arg"
}

func scanned(db *sql.DB) {
	var who string
	fmt.Scanln(&who)
	db.Query("SELECT id FROM users WHERE name = '" + who + "'") // want "untrusted input read from fmt.Scanln"
}

func fromStdin(db *sql.DB) {
	line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	db.Query("SELECT id FROM users WHERE name = " + line) // want "untrusted input read from os.Stdin"
}

// ---- negatives ----

// A namesake in an inner scope is another variable: its tainted append does not reach the query.
func shadowed(db *sql.DB) {
	query := "SELECT id FROM users WHERE id = 42"
	{
		query := "base"
		query += os.Args[1]
		_ = query
	}
	db.Query(query)
}

// The argument count is a number, not text.
func argCount(db *sql.DB) {
	db.Query(fmt.Sprintf("SELECT id FROM users LIMIT %d", len(os.Args)))
}

// A constant table chosen in code, arguments passed as placeholders.
func placeholders(db *sql.DB) {
	db.Query("SELECT id FROM users WHERE name = $1", os.Args[1])
}
