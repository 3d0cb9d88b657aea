//go:build cgo

package store

import (
	"errors"

	"github.com/mattn/go-sqlite3"
)

// troubleOf reads the SQLite result code in err's chain.
func troubleOf(err error) trouble {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return troubleOther
	}
	switch se.Code {
	case sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrPerm:
		return troubleReadOnly
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		return troubleDamaged
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return troubleBusy
	case sqlite3.ErrConstraint, sqlite3.ErrTooBig, sqlite3.ErrMismatch, sqlite3.ErrRange:
		return troubleRow
	}
	return troubleOther
}
