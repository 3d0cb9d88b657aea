package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"permanence/data"
	"strings"
	"sync"
	"time"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver
)

// Store is the panel's SQLite database: every extract ever imported, each
// child's row in each, warnings, settings and the panel's own records.
type Store struct {
	db      *sql.DB
	path    string
	dailyMu sync.Mutex // one DailyBackup at a time
}

// DefaultPath is the app's own store: permanence.db in the app's folder,
// os.UserConfigDir()/permanence on Linux and macOS, %LOCALAPPDATA%\permanence
// on Windows (see appDataDir).
func DefaultPath() (string, error) {
	dir, err := appDataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "permanence.db"), nil
}

// Open opens (creating if need be, with permissions 0600 in a 0700 folder)
// the store at path and brings its schema up to date (see migrate: an
// existing store is backed up first, and a store of a newer schema than
// this build knows is refused with a *NewerSchemaError and left as it was).
func Open(path string) (*Store, error) {
	if err := recordTablesError(); err != nil {
		return nil, err
	}
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	// Refuse a newer schema, a damaged file and another program's database
	// before SQLite opens the file for writing: that could change it (the
	// journal mode, for one).
	if err := checkExisting(path, latestVersion(ms)); err != nil {
		return nil, err
	}
	db, err := openDB(path)
	if err != nil {
		return nil, explain(path, err)
	}
	s := &Store{db: db, path: path}
	if err := s.migrate(ms); err != nil {
		db.Close()
		return nil, explain(path, err)
	}
	// WAL side files are created by SQLite with the database's mode; make
	// sure of it for the database itself.
	_ = os.Chmod(path, 0o600)
	return s, nil
}

// openDB opens the SQLite database at path with the store's options
// (creating it with permissions 0600 in a 0700 folder), without touching
// its schema.
func openDB(path string) (*sql.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create folder for the store: %w", err)
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	f.Close()
	dsn, err := storeDSN(path, false)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// Path is the store's file.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB exposes the database handle to the package's own importers.
func (s *Store) DB() *sql.DB { return s.db }

// ErrSameDate is returned (as a *SameDateError) when an extract of that
// kind and date exists and replace was not asked for.
var ErrSameDate = errors.New("an extract with that date is already stored")

// SameDateError is the refusal of an extract whose kind and date are those
// of a stored extract of other bytes, when replace was not asked for. Its
// text says what replacing would discard, so that no advice loses data.
// errors.Is(err, ErrSameDate) holds.
type SameDateError struct {
	Stored   data.Extract // the extract of that kind and date already stored
	FileName string       // the extract refused
	Children int          // how many children it holds
}

// Is makes errors.Is(err, ErrSameDate) true.
func (e *SameDateError) Is(target error) bool { return target == ErrSameDate }

// Error names the stored extract, says what --replace would discard and how
// to keep every file's children.
func (e *SameDateError) Error() string {
	what := "a tracker extract"
	if e.Stored.Kind == data.KindSSDA903 {
		what = "an SSDA903 return"
	}
	return fmt.Sprintf("%s dated %s is already stored: %s, with %s, imported on %s; nothing was imported.\n"+
		"Replacing it (--replace) would discard that extract and its %s, and keep only the %s in %s. "+
		"To keep both, import this together with the stored extract's files, with --replace: the files of one date become one extract holding every file's children.",
		what, e.Stored.Date.UK(), e.Stored.FileName, children(e.Stored.Rows), e.Stored.ImportedAt.Local().Format("02/01/2006 15:04"),
		children(e.Stored.Rows), children(e.Children), e.FileName)
}

// children counts children in words: "1 child", "120 children".
func children(n int) string {
	if n == 1 {
		return "1 child"
	}
	return fmt.Sprintf("%d children", n)
}

// SaveExtract stores a parsed extract in one transaction: it lands whole or
// not at all (a cancelled ctx rolls it back). The same bytes (SHA-256)
// imported twice is a no-op with AlreadyImported set. An extract of the same
// kind and date is replaced only when replace is true.
func (s *Store) SaveExtract(ctx context.Context, x *data.ExtractData, replace bool, progress data.Progress) (data.ImportResult, error) {
	rs, err := s.SaveExtracts(ctx, []*data.ExtractData{x}, replace, progress)
	if err != nil {
		return data.ImportResult{RowsRead: x.RowsRead, IgnoredColumns: x.IgnoredColumns, Warnings: x.Warnings}, err
	}
	return rs[0], nil
}

// SaveExtracts stores several parsed extracts (the files of one import) in
// one transaction: all of them land, or none. progress counts the rows of
// all of them. Before that transaction the store is backed up
// (BackupBeforeImport), unless the import cannot change anything worth
// one (every extract the demo authority's, or already stored); when the
// backup fails nothing is imported.
func (s *Store) SaveExtracts(ctx context.Context, xs []*data.ExtractData, replace bool, progress data.Progress) ([]data.ImportResult, error) {
	if need, err := s.importNeedsBackup(ctx, xs); err != nil {
		return nil, err
	} else if need {
		if _, err := s.BackupBeforeImport(ctx); err != nil {
			return nil, fmt.Errorf("could not back up the store before importing, so nothing was imported: %w", err)
		}
	}
	total := 0
	for _, x := range xs {
		total += len(x.Children)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, explain(s.path, fmt.Errorf("start import: %w", err))
	}
	defer tx.Rollback()
	var results []data.ImportResult
	done := 0
	for _, x := range xs {
		base := done
		var p data.Progress
		if progress != nil {
			p = func(d, _ int) { progress(base+d, total) }
		}
		r, err := s.saveInTx(ctx, tx, x, replace, p)
		if err != nil {
			if len(xs) > 1 {
				err = fmt.Errorf("%s: %w", x.FileName, err)
			}
			return nil, explain(s.path, err)
		}
		results = append(results, r)
		done += len(x.Children)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, explain(s.path, fmt.Errorf("finish import: %w", err))
	}
	if progress != nil {
		progress(total, total)
	}
	return results, nil
}

// saveInTx stores one extract inside tx: its row in extracts, its child
// rows, its warnings and its source tables.
func (s *Store) saveInTx(ctx context.Context, tx *sql.Tx, x *data.ExtractData, replace bool, progress data.Progress) (data.ImportResult, error) {
	res := data.ImportResult{RowsRead: x.RowsRead, IgnoredColumns: x.IgnoredColumns, Warnings: x.Warnings}
	if x.Date.IsZero() {
		return res, fmt.Errorf("the extract has no date")
	}
	if prev, err := s.queryExtracts(ctx, tx, "WHERE sha256 = ?", x.SHA256); err != nil {
		return res, err
	} else if len(prev) > 0 {
		res.AlreadyImported = true
		res.Extract = prev[0]
		return res, nil
	}
	replaced, err := s.replaceSameDate(ctx, tx, x, replace)
	if err != nil {
		return res, err
	}
	res.Replaced = replaced
	e, err := recordExtract(ctx, tx, x)
	if err != nil {
		return res, err
	}
	hadChildren, err := storeHasChildren(ctx, tx)
	if err != nil {
		return res, err
	}
	// The child rows are encoded and sorted while the warnings go in.
	encoded := encodeInBackground(ctx, x)
	if err := saveWarnings(ctx, tx, e.ID, x.Warnings); err != nil {
		encoded()
		return res, err
	}
	rows, order, err := encoded()
	if err != nil {
		return res, err
	}
	if err := saveChildRows(ctx, tx, e.ID, rows, order, progress); err != nil {
		return res, err
	}
	if hadChildren {
		if res.Updated, err = countKnown(ctx, tx, e.ID); err != nil {
			return res, err
		}
	}
	res.Added = len(x.Children) - res.Updated
	if err := saveSourceTables(ctx, tx, e.ID, x.Stored); err != nil {
		return res, err
	}
	res.Extract = e
	return res, nil
}

// recordExtract adds x's row to the extracts table and returns it.
func recordExtract(ctx context.Context, tx *sql.Tx, x *data.ExtractData) (data.Extract, error) {
	now := time.Now().UTC().Truncate(time.Second)
	r, err := tx.ExecContext(ctx, `INSERT INTO extracts (kind, file_name, sha256, extract_date, imported_at, row_count, warning_count, ignored_columns)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, x.Kind, x.FileName, x.SHA256, x.Date.String(), now.Format(time.RFC3339),
		len(x.Children), len(x.Warnings), strings.Join(x.IgnoredColumns, "\t"))
	if err != nil {
		return data.Extract{}, fmt.Errorf("record extract: %w", err)
	}
	id, _ := r.LastInsertId()
	return data.Extract{ID: id, Kind: x.Kind, FileName: x.FileName, SHA256: x.SHA256, Date: x.Date,
		ImportedAt: now, Rows: len(x.Children), Warnings: len(x.Warnings), IgnoredColumns: x.IgnoredColumns}, nil
}

// replaceSameDate deletes, inside tx, the stored extract of x's kind and
// date and returns it, when replace is true; otherwise such an extract is a
// *SameDateError. No such extract is nil, nil.
func (s *Store) replaceSameDate(ctx context.Context, tx *sql.Tx, x *data.ExtractData, replace bool) (*data.Extract, error) {
	same, err := s.queryExtracts(ctx, tx, "WHERE kind = ? AND extract_date = ?", x.Kind, x.Date.String())
	if err != nil || len(same) == 0 {
		return nil, err
	}
	old := same[0]
	if !replace {
		return nil, &SameDateError{Stored: old, FileName: x.FileName, Children: len(x.Children)}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM extracts WHERE id = ?", old.ID); err != nil {
		return nil, err
	}
	return &old, nil
}

// storeHasChildren says whether the store holds any child row.
func storeHasChildren(ctx context.Context, tx *sql.Tx) (bool, error) {
	var has bool
	err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM child_rows)").Scan(&has)
	return has, err
}

// countKnown counts the children of extract id that the store knew
// already: those with a row in another extract. One seek of the table's
// key per child, not a read of every row the store holds.
func countKnown(ctx context.Context, tx *sql.Tx, id int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM child_rows AS c WHERE c.extract_id = ?1
		AND EXISTS (SELECT 1 FROM child_rows AS o WHERE o.child_id = c.child_id AND o.extract_id <> ?1)`, id).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count the children already known: %w", err)
	}
	return n, nil
}

type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

const extractColumns = "id, kind, file_name, sha256, extract_date, imported_at, row_count, warning_count, ignored_columns"

func scanExtracts(rows *sql.Rows) ([]data.Extract, error) {
	defer rows.Close()
	var out []data.Extract
	for rows.Next() {
		var e data.Extract
		var date, imported, ignored string
		if err := rows.Scan(&e.ID, &e.Kind, &e.FileName, &e.SHA256, &date, &imported, &e.Rows, &e.Warnings, &ignored); err != nil {
			return nil, err
		}
		e.Date, _ = data.ParseDate(date)
		e.ImportedAt, _ = time.Parse(time.RFC3339, imported)
		if ignored != "" {
			e.IgnoredColumns = strings.Split(ignored, "\t")
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (s *Store) queryExtracts(ctx context.Context, q queryer, where string, args ...any) ([]data.Extract, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+extractColumns+" FROM extracts "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("read extracts: %w", err)
	}
	return scanExtracts(rows)
}

// Extracts lists every stored extract, oldest extract date first.
func (s *Store) Extracts(ctx context.Context) ([]data.Extract, error) {
	return s.queryExtracts(ctx, s.db, "ORDER BY extract_date, id")
}

// LatestExtractDate is the newest extract date, or NoDate for an empty store.
func (s *Store) LatestExtractDate(ctx context.Context) (data.Date, error) {
	var d sql.NullString
	if err := s.db.QueryRowContext(ctx, "SELECT MAX(extract_date) FROM extracts").Scan(&d); err != nil {
		return data.NoDate, err
	}
	if !d.Valid {
		return data.NoDate, nil
	}
	return data.ParseDate(d.String)
}

// DeleteExtract removes an extract and everything imported with it.
func (s *Store) DeleteExtract(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, "DELETE FROM extracts WHERE id = ?", id)
	return explain(s.path, err)
}

// Warnings lists stored warnings, for one extract (extractID > 0), one child
// (childID != ""), or all.
func (s *Store) Warnings(ctx context.Context, extractID int64, childID string) ([]data.Warning, error) {
	q := "SELECT extract_id, child_id, source_row, column_name, value, message FROM warnings WHERE 1=1"
	var args []any
	if extractID > 0 {
		q += " AND extract_id = ?"
		args = append(args, extractID)
	}
	if childID != "" {
		q += " AND child_id = ?"
		args = append(args, childID)
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY extract_id, source_row, id", args...)
	if err != nil {
		return nil, fmt.Errorf("read warnings: %w", err)
	}
	defer rows.Close()
	var out []data.Warning
	for rows.Next() {
		var w data.Warning
		if err := rows.Scan(&w.ExtractID, &w.ChildID, &w.Row, &w.Column, &w.Value, &w.Message); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// Setting returns a named setting, or def when it is not set.
func (s *Store) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if err == sql.ErrNoRows {
		return def, nil
	}
	return v, err
}

// SetSetting stores a named setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	return explain(s.path, err)
}
