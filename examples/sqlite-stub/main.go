// A small service that stores notes in SQLite through github.com/mattn/go-sqlite3, a cgo module.
package main

import (
	"database/sql"
	"log"

	_ "github.com/mattn/go-sqlite3"
)

func main() {
	db, err := sql.Open("sqlite3", "/data/notes.db")
	if err != nil {
		log.Fatal(err)
	}
	// With CGO_ENABLED=0 this is where it fails:
	// "Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub"
	if err := db.Ping(); err != nil {
		log.Fatal(err)
	}
	log.Println("ok")
}
