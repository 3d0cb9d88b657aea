package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// A migration is one numbered step of the store's schema: the SQL file
// migrations/NNNN_what.sql and, when stored values must be rewritten in a
// way SQL cannot (a BLOB re-encoded), a Go step registered in goSteps under
// the same number; such a migration's SQL file may hold only comments that
// say what its Go step does. Numbers run 1, 2, 3... with no gaps. PRAGMA
// user_version is the number of the last migration applied.
type migration struct {
	number int
	name   string // the SQL file's name, for messages
	sql    string
	step   migrationStep // nil for an SQL-only migration
}

// A migrationStep is the Go part of a migration. It runs inside the
// migration's transaction, after its SQL: an error rolls back the SQL, the
// step's own writes and the new schema version together.
type migrationStep func(ctx context.Context, tx *sql.Tx) error

// goSteps are the migrations' Go steps, by migration number.
var goSteps = map[int]migrationStep{
	3: convertRecordsToV2,
}

// migrations are this build's migrations in number order, read once.
var migrations = sync.OnceValues(func() ([]migration, error) {
	return loadMigrations(migrationFiles, goSteps)
})

// loadMigrations reads the migrations/*.sql files of files in number order
// and attaches the Go steps of steps; numbers must run from 1 with no gaps,
// and every Go step must have its file.
func loadMigrations(files fs.FS, steps map[int]migrationStep) ([]migration, error) {
	names, err := fs.Glob(files, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, name := range names {
		n, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with its number", name)
		}
		body, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{number: n, name: filepath.Base(name), sql: string(body), step: steps[n]})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].number < ms[j].number })
	for i, m := range ms {
		if m.number != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d (numbers run from 1 with no gaps or repeats)", m.name, i+1)
		}
	}
	for n := range steps {
		if n < 1 || n > len(ms) {
			return nil, fmt.Errorf("migration %d has a Go step but no migrations/%04d_*.sql file", n, n)
		}
	}
	return ms, nil
}

// latestVersion is the schema version after the last of ms.
func latestVersion(ms []migration) int {
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].number
}

// NewerSchemaError is Open's refusal of a store whose schema version is
// above the last migration this build knows. The store is left as it was.
type NewerSchemaError struct {
	Found int // the store's schema version
	Known int // the newest this build knows
}

// Error says what was found and what this build knows.
func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("this store was written by a newer version of permanence (schema %d); this version knows up to %d", e.Found, e.Known)
}

// fileSchemaVersion reads PRAGMA user_version straight from the header of
// the SQLite file at path, without opening it in SQLite (which could write
// to it). ok is false when there is no such file or it is not SQLite.
func fileSchemaVersion(path string) (version int, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || string(h[:16]) != "SQLite format 3\x00" {
		return 0, false
	}
	// The user version is the 4-byte big-endian integer at offset 60.
	return int(int32(binary.BigEndian.Uint32(h[60:64]))), true
}

// migrate brings the store's schema up to the last of ms. It refuses a
// newer schema; when an existing store (schema above 0) has migrations to
// run, it first writes a backup (backupBeforeMigration) and runs none if
// that fails; then it applies each pending migration in its own
// transaction. A brand-new store is not backed up.
func (s *Store) migrate(ms []migration) error {
	var version int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read the store's schema version: %w", err)
	}
	latest := latestVersion(ms)
	switch {
	case version < 0:
		return fmt.Errorf("this file's schema version is %d, which no version of permanence writes: it is not a permanence store", version)
	case version > latest:
		return &NewerSchemaError{Found: version, Known: latest}
	case version == latest:
		return nil
	}
	backup := ""
	if version > 0 {
		var err error
		if backup, err = s.backupBeforeMigration(version); err != nil {
			return fmt.Errorf("could not back up the store before updating it from schema %d to %d, so it was not updated: %w", version, latest, err)
		}
	}
	for _, m := range ms[version:] {
		if err := s.apply(m); err != nil {
			note := ""
			if backup != "" {
				note = "; a copy from before the update is in " + backup
			}
			return fmt.Errorf("update the store to schema %d (%s): %w; the store was left at schema %d%s", m.number, m.name, err, m.number-1, note)
		}
	}
	return nil
}

// apply runs one migration in one transaction: its SQL, its Go step, and
// the new user_version, all of them or none.
func (s *Store) apply(m migration) error {
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if m.step != nil {
		if err := m.step(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.number)); err != nil {
		return err
	}
	return tx.Commit()
}
