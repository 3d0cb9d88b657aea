package store

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// The store's own troubles, as errors.Is finds them in what Open and the
// store's writes return; each error's text says what happened and what to
// do.
var (
	// ErrReadOnly: the store, or the folder it is in, cannot be written.
	ErrReadOnly = errors.New("the store cannot be written")
	// ErrDamaged: the file is damaged, or is not a database at all.
	ErrDamaged = errors.New("the store is damaged or is not a permanence store")
	// ErrNotAStore: an SQLite database of some other program.
	ErrNotAStore = errors.New("the file is not a permanence store")
	// ErrBusy: another import, or the app, kept the store busy.
	ErrBusy = errors.New("the store is in use")
)

// trouble is what an SQLite error says about the store's file.
type trouble int

const (
	troubleOther    trouble = iota
	troubleReadOnly         // SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM
	troubleDamaged          // SQLITE_CORRUPT, SQLITE_NOTADB
	troubleBusy             // SQLITE_BUSY, SQLITE_LOCKED
	// SQLITE_CONSTRAINT, SQLITE_TOOBIG, SQLITE_MISMATCH, SQLITE_RANGE: a
	// statement's values were refused; SQLite undid that statement alone,
	// and the transaction goes on.
	troubleRow
)

// storeError is one of the errors above with its sentence for a person and
// the error underneath.
type storeError struct {
	kind error
	msg  string
	err  error
}

func (e *storeError) Error() string        { return e.msg }
func (e *storeError) Is(target error) bool { return target == e.kind }
func (e *storeError) Unwrap() error        { return e.err }

// explain turns SQLite's terse answers about the store's file ("attempt to
// write a readonly database", "file is not a database", "database is
// locked") into sentences that name the store and say what to do. Other
// errors, and nil, are returned as they are.
func explain(path string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.As(err, new(*storeError)):
		return err
	case troubleOf(err) == troubleReadOnly, errors.Is(err, fs.ErrPermission):
		return readOnlyError(path, err)
	case troubleOf(err) == troubleDamaged:
		return damagedError(path, err)
	case troubleOf(err) == troubleBusy:
		return &storeError{kind: ErrBusy, err: err, msg: fmt.Sprintf(
			"another import or the permanence app is using the store %s (waited %s for it); nothing was changed: try again when it has finished",
			path, busyTimeout)}
	}
	return err
}

// readOnlyError says which cannot be written: the store file itself, or
// the folder it is in (where SQLite must also write PATH-wal and PATH-shm).
func readOnlyError(path string, err error) error {
	dir := filepath.Dir(path)
	for { // the folder that exists: a store's new folder could not be made in it
		if _, err := os.Stat(dir); err == nil || filepath.Dir(dir) == dir {
			break
		}
		dir = filepath.Dir(dir)
	}
	what := fmt.Sprintf("the folder %s cannot be written, and permanence must write the store and the %s-wal and %s-shm files SQLite keeps beside it",
		dir, filepath.Base(path), filepath.Base(path))
	if f, ferr := os.OpenFile(path, os.O_WRONLY, 0); errors.Is(ferr, fs.ErrPermission) {
		what = "the file is read-only to you"
	} else if ferr == nil {
		f.Close()
	}
	return &storeError{kind: ErrReadOnly, err: err, msg: fmt.Sprintf(
		"the store %s cannot be written: %s. Change the permissions, or use a store in a folder you can write to (%v)", path, what, reason(err))}
}

// reason is err without Go's "open PATH:" prefixes: the path is already
// in the sentence.
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// damagedError says the store is damaged or not a store, and where copies
// of it are kept.
func damagedError(path string, err error) error {
	dir := backupDir(path)
	if abs, aerr := filepath.Abs(dir); aerr == nil {
		dir = abs
	}
	where := fmt.Sprintf("Copies of the store, made before each import and update and once a day, are in %s: restore the newest (permanence restore FILE)", dir)
	if st, serr := os.Stat(dir); serr != nil || !st.IsDir() {
		where = fmt.Sprintf("There is no backups folder beside it (%s): restore it from a backup of your own, or move it away and import your extracts again", dir)
	}
	return &storeError{kind: ErrDamaged, err: err, msg: fmt.Sprintf(
		"the store %s is damaged or is not a permanence store (%v); it was left as it was. %s", path, err, where)}
}

// checkExisting looks at an existing, non-empty file at path before the
// store opens it for writing (which would change it: the journal mode, and
// migrations' tables). It refuses, leaving the file as it was: a file that
// is not SQLite, or that SQLite finds damaged; a schema newer than known;
// and an SQLite database of another program (tables of its own, no
// extracts table, schema version 0). It reads the file only.
func checkExisting(path string, known int) error {
	st, err := os.Stat(path)
	if err != nil || st.Size() == 0 || st.IsDir() {
		return nil // a new store, or a problem openDB will report
	}
	v, ok := fileSchemaVersion(path)
	if !ok {
		return damagedError(path, errors.New("it is not an SQLite database"))
	}
	if v > known {
		return &NewerSchemaError{Found: v, Known: known}
	}
	tables, hasExtracts, err := readTables(path)
	if err != nil {
		return explain(path, err)
	}
	if v == 0 && tables > 0 && !hasExtracts {
		return &storeError{kind: ErrNotAStore, msg: fmt.Sprintf(
			"%s is an SQLite database of another program, not a permanence store (it has tables of its own, %d, and none of the store's); it was left as it was: name a new file, or your store, with --db",
			path, tables)}
	}
	return nil
}

// readTables opens the database at path read-only and counts its tables,
// and says whether one is the store's extracts table.
func readTables(path string) (tables int, hasExtracts bool, err error) {
	dsn, err := storeDSN(path, true)
	if err != nil {
		return 0, false, err
	}
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return 0, false, err
	}
	defer db.Close()
	var n, extracts int
	err = db.QueryRow("SELECT count(*), count(CASE WHEN name = 'extracts' THEN 1 END) FROM sqlite_master WHERE type = 'table'").Scan(&n, &extracts)
	return n, extracts > 0, err
}
