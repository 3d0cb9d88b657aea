package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Restore puts a copy of the permanence store (or backup) from in the
// place of the store at storePath, for `permanence restore FILE`. The
// store must be closed: no Store of this program may have it open, and
// another program that has it open (the app) is refused.
//
// It refuses, leaving the store as it was, a from that is not an SQLite
// file, is damaged (PRAGMA quick_check), is another program's database
// (not every table of a permanence store of its schema), or was written by
// a newer version of permanence; and a storePath that holds another
// program's database. Then it backs up the store it replaces (reason
// "restore", returned as backupPath; "" when there was no store), puts a
// consistent copy of from (VACUUM INTO a temporary file beside the store,
// flushed to disk, 0600) in its place in one rename, and opens it once so
// that a store of an older schema is brought up to date. from itself is
// never changed.
func Restore(storePath, from string) (backupPath string, err error) {
	ms, err := migrations()
	if err != nil {
		return "", err
	}
	if samePath(storePath, from) {
		return "", fmt.Errorf("%s is the store itself: restore from a backup or another copy", from)
	}
	if err := checkRestorable(from, ms); err != nil {
		return "", err
	}
	if err := checkExisting(storePath, latestVersion(ms)); errors.Is(err, ErrNotAStore) {
		return "", fmt.Errorf("nothing was restored: %w", err)
	}
	dir := filepath.Dir(storePath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", explain(storePath, fmt.Errorf("create the store's folder: %w", err))
	}
	tmp, err := os.CreateTemp(dir, "."+storeStem(storePath)+"-restore-*.tmp")
	if err != nil {
		return "", explain(storePath, fmt.Errorf("nothing was restored: %w", err))
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	if err := vacuumFile(context.Background(), from, tmp.Name()); err != nil {
		return "", fmt.Errorf("could not copy %s, so nothing was restored: %w", from, explain(from, err))
	}
	if st, err := os.Stat(storePath); err == nil && st.Size() > 0 {
		if backupPath, err = backupReplaced(storePath); err != nil {
			return "", fmt.Errorf("could not back up the store %s before replacing it, so nothing was restored: %w", storePath, err)
		}
		if err := quiesce(storePath); err != nil {
			return backupPath, err
		}
	}
	if err := replaceStore(tmp.Name(), storePath); err != nil {
		return backupPath, explain(storePath, fmt.Errorf("put the restored store in place: %w", err))
	}
	s, err := Open(storePath)
	if err != nil {
		return backupPath, fmt.Errorf("the store was restored from %s but could not be opened: %w", from, err)
	}
	return backupPath, s.Close()
}

// notRestorable is Restore's refusal of from: the file and why, and that
// the store was not changed.
func notRestorable(from string, kind error, why string, err error) error {
	return &storeError{kind: kind, err: err, msg: fmt.Sprintf("%s cannot be restored: %s; the store was not changed", from, why)}
}

// checkRestorable refuses a from that is not a permanence store of a
// schema this build knows, sound (quick_check).
func checkRestorable(from string, ms []migration) error {
	st, err := os.Stat(from)
	switch {
	case err != nil:
		return fmt.Errorf("%s cannot be restored: %w", from, reason(err))
	case st.IsDir():
		return fmt.Errorf("%s cannot be restored: it is a folder; name a store's file (a .db file in backups, say)", from)
	}
	v, ok := fileSchemaVersion(from)
	if !ok {
		return notRestorable(from, ErrNotAStore, "it is not an SQLite database, so it is neither a permanence store nor a backup of one", nil)
	}
	if latest := latestVersion(ms); v > latest {
		newer := &NewerSchemaError{Found: v, Known: latest}
		return notRestorable(from, nil, fmt.Sprintf("it was written by a newer version of permanence (schema %d; this version knows up to %d): restore it with that version or a newer one", v, latest), newer)
	}
	db, err := sql.Open("sqlite3", mustDSN(from))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := quickCheck(db); err != nil {
		return notRestorable(from, ErrDamaged, fmt.Sprintf("it is damaged (%v)", err), err)
	}
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return notRestorable(from, ErrDamaged, fmt.Sprintf("its schema version cannot be read (%v)", err), err)
	}
	if latest := latestVersion(ms); v > latest || v < 1 {
		if v > latest {
			return notRestorable(from, nil, fmt.Sprintf("it was written by a newer version of permanence (schema %d; this version knows up to %d): restore it with that version or a newer one", v, latest), &NewerSchemaError{Found: v, Known: latest})
		}
		return notRestorable(from, ErrNotAStore, "it is an SQLite database of another program, not a permanence store", nil)
	}
	return checkTables(from, db, ms[:v])
}

// quickCheck runs PRAGMA quick_check on db: nil when it says "ok", else
// an error with its first problem and how many more there are.
func quickCheck(db *sql.DB) error {
	rows, err := db.Query("PRAGMA quick_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		for _, p := range strings.Split(line, "\n") {
			if p = strings.TrimSpace(p); p != "" && p != "ok" && !strings.HasPrefix(p, "*** ") {
				problems = append(problems, p)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	switch len(problems) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("SQLite's check found: %s", problems[0])
	}
	return fmt.Errorf("SQLite's check found %d problems, the first: %s", len(problems), problems[0])
}

// mustDSN is the read-only DSN of path (storeDSN fails only when the
// working folder is unknown, which sql.Open then reports).
func mustDSN(path string) string {
	dsn, err := storeDSN(path, true)
	if err != nil {
		return path
	}
	return dsn
}

// checkTables refuses a database that lacks a table a permanence store of
// schema len(ms) has.
func checkTables(from string, db *sql.DB, ms []migration) error {
	want, err := schemaTables(ms)
	if err != nil {
		return err
	}
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table'")
	if err != nil {
		return notRestorable(from, ErrDamaged, fmt.Sprintf("its tables cannot be read (%v)", err), err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		have[name] = true
	}
	var missing []string
	for _, t := range want {
		if !have[t] {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		return notRestorable(from, ErrNotAStore, fmt.Sprintf("it is an SQLite database but not a permanence store: it says schema %d, and a permanence store of schema %d has the tables %s, which it lacks",
			len(ms), len(ms), strings.Join(missing, ", ")), nil)
	}
	return nil
}

// schemaTables lists the tables a store of schema len(ms) has: those of an
// empty database after ms, in memory.
func schemaTables(ms []migration) ([]string, error) {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: ":memory:"}
	for _, m := range ms {
		if err := s.apply(m); err != nil {
			return nil, fmt.Errorf("work out the tables of schema %d: %w", m.number, err)
		}
	}
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// backupReplaced backs up the closed store at path before Restore replaces
// it (reason "restore"). A store SQLite cannot read, the likely reason for
// a restore, is kept as its files are (the store and its -wal), since no
// consistent copy can be made of it.
func backupReplaced(path string) (string, error) {
	backup, err := writeBackup(path, reasonRestore, reasonRestore, func(dest string) error {
		return vacuumFile(context.Background(), path, dest)
	})
	if err == nil {
		return backup, nil
	}
	if _, ok := fileSchemaVersion(path); ok && troubleOf(err) != troubleDamaged {
		return "", explain(path, err)
	}
	backup, err = writeBackup(path, reasonRestore, reasonRestore, func(dest string) error { return copyFile(path, dest) })
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		if err := copyFile(path+"-wal", backup+"-wal"); err != nil {
			return backup, err
		}
	}
	return backup, nil
}

// copyFile copies the bytes of from into to (created or truncated, 0600)
// and flushes them to disk.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// quiesce makes sure that no other program has the store at path open and
// that nothing of it is left in its -wal file, so that the file can be
// replaced: it opens the store and closes it, which (when no other
// connection is open) checkpoints the WAL and removes the -wal and -shm
// files. A -wal still there afterwards means another program has the
// store open: that is refused. A store SQLite cannot open is left to be
// replaced (it was kept as its files by backupReplaced).
func quiesce(path string) error {
	wal, shm := exists(path+"-wal"), exists(path+"-shm")
	if !wal && !shm {
		return nil
	}
	if db, err := openDB(path); err == nil {
		var busy, logged, done int
		err = db.QueryRow("PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &done)
		db.Close()
		if err == nil && (busy != 0 || exists(path+"-wal")) {
			return &storeError{kind: ErrBusy, msg: fmt.Sprintf(
				"the store %s is open in another program (the permanence app, or a command still running): close it and restore again; the store was not changed", path)}
		}
	}
	return nil
}

// exists reports whether path names something.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// replaceStore gives the new store file tmp the name path in one rename,
// after removing the old store's side files (-wal, -shm, -journal), which
// SQLite would otherwise read as the new store's; then flushes the folder.
func replaceStore(tmp, path string) error {
	if err := os.Chmod(tmp, 0o600); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}
