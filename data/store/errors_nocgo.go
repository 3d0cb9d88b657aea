//go:build !cgo

package store

// troubleOf: without cgo go-sqlite3 is a stub that opens nothing, so there
// is no SQLite error to read.
func troubleOf(error) trouble { return troubleOther }
