package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"permanence/data"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// v1Row is a child row as the previous version stored it, and the child it
// holds, written out by hand.
type v1Row struct {
	childID string
	extract int64
	record  []byte
	want    data.Child
}

// schema2Rows are the rows of storeAtSchema2, in key order. The dates are
// 2019-02-03 as version 1 stored it (see TestDecodeHandWorkedRecords).
func schema2Rows(t *testing.T) []v1Row {
	return []v1Row{
		{"B7", 1, []byte{1, 0, 2, 'B', '7', 10, 2, 'C', '2', 34},
			data.Child{ID: "B7", LegalStatus: "C2", FosterCarerAdoption: true}},
		{"B7", 2, []byte{1, 0, 2, 'B', '7', 41, 0x94, 0xec, 0x63},
			data.Child{ID: "B7", CareOrderDischarged: d("2019-02-03")}},
		{"C-1042", 1, readTestdata(t, "record-v1.bin"), fixedChild},
		{"C-1042", 2, []byte{1, 0, 6, 'C', '-', '1', '0', '4', '2', 2, 0x94, 0xec, 0x63, 13, 2, 3, 'S', 'G', 'O', 14},
			data.Child{ID: "C-1042", DOB: d("2019-02-03"), Plan: data.PlanSpecialGuardianship, PlanText: "SGO", PlanInferred: true}},
		{"D1", 1, []byte{1, 13, 7, 0}, data.Child{Plan: data.PlanOther}},
		{"E", 2, []byte{1}, data.Child{}},
	}
}

// storeAtSchema2 makes a store as the previous version left it: migrations
// 1 and 2 only, two extracts and the child rows of schema2Rows with version
// 1 records. It returns the store's path.
func storeAtSchema2(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "store", "panel.db")
	db, err := openDB(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if err := (&Store{db: db, path: path}).migrate(ms[:2]); err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, `INSERT INTO extracts (id, kind, file_name, sha256, extract_date, imported_at, row_count, warning_count)
		VALUES (1, 'tracker', 'jan.csv', 'aa', '2026-01-31', '2026-02-01T09:00:00Z', 3, 0),
		       (2, 'tracker', 'feb.csv', 'bb', '2026-02-28', '2026-03-01T09:00:00Z', 3, 0)`)
	for _, r := range schema2Rows(t) {
		mustExec(t, db, "INSERT INTO child_rows (extract_id, child_id, source_row, plan, record) VALUES (?, ?, 2, ?, ?)",
			r.extract, r.childID, r.want.Plan.Key(), r.record)
	}
	return path
}

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatal(err)
	}
}

// storedRows reads a database's schema version and every child record, in
// key order, as "child/extract" and bytes.
func storedRows(t *testing.T, dsn string) (int, []string, [][]byte) {
	t.Helper()
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var version int
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query("SELECT child_id, extract_id, record FROM child_rows ORDER BY child_id, extract_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var keys []string
	var recs [][]byte
	for rows.Next() {
		var id string
		var x int64
		var rec []byte
		if err := rows.Scan(&id, &x, &rec); err != nil {
			t.Fatal(err)
		}
		keys, recs = append(keys, id+"/"+strconv.FormatInt(x, 10)), append(recs, rec)
	}
	return version, keys, recs
}

// fixClock names backups as at 2026-11-28 09:00:00 UTC.
func fixClock(t *testing.T) {
	now = func() time.Time { return time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { now = time.Now })
}

// migrationCount is how many migration files there are: the newest schema
// this build knows.
func migrationCount(t *testing.T) int {
	es, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

func TestMigrateRecordsToV2(t *testing.T) {
	fixClock(t)
	convertBatch = 3 // batches end inside child C-1042's rows
	t.Cleanup(func() { convertBatch = 4096 })
	path := storeAtSchema2(t)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	version, keys, recs := storedRows(t, "file:"+path)
	want := schema2Rows(t)
	if version != migrationCount(t) || len(recs) != len(want) {
		t.Fatalf("after Open: schema %d, %d rows; want %d, %d", version, len(recs), migrationCount(t), len(want))
	}
	for i, r := range want {
		var got data.Child
		if keys[i] != r.childID+"/"+strconv.FormatInt(r.extract, 10) || recs[i][0] != 2 {
			t.Errorf("row %d: %s stored as % x, want %s/%d in version 2", i, keys[i], recs[i], r.childID, r.extract)
		} else if err := DecodeChild(recs[i], &got); err != nil || got != r.want {
			t.Errorf("%s: decoded %+v (%v), want %+v", keys[i], got, err, r.want)
		}
	}

	backup := filepath.Join(filepath.Dir(path), "backups", "panel-schema2-20261128T090000.db")
	checkBackup(t, backup, want)

	// Opened again, nothing is pending: no second backup.
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if es, _ := os.ReadDir(filepath.Dir(backup)); len(es) != 1 {
		t.Errorf("backups after a second Open: %d files, want 1", len(es))
	}
}

// checkBackup checks the backup made before migrating storeAtSchema2: a
// 0600 file in a 0700 folder, at schema 2 with the version 1 records.
func checkBackup(t *testing.T, backup string, want []v1Row) {
	t.Helper()
	st, err := os.Stat(backup)
	if err != nil {
		t.Fatalf("no backup: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v, want 0600", st.Mode().Perm())
	}
	if dir, _ := os.Stat(filepath.Dir(backup)); dir.Mode().Perm() != 0o700 {
		t.Errorf("backups folder mode %v, want 0700", dir.Mode().Perm())
	}
	version, _, recs := storedRows(t, "file:"+backup+"?mode=ro")
	if version != 2 || len(recs) != len(want) {
		t.Fatalf("backup: schema %d with %d rows, want schema 2 with %d", version, len(recs), len(want))
	}
	for i := range want {
		if !bytes.Equal(recs[i], want[i].record) {
			t.Errorf("backup row %d: % x, want % x", i, recs[i], want[i].record)
		}
	}
}

func TestNewStoreHasNoBackup(t *testing.T) {
	s := openTemp(t)
	if _, err := os.Stat(filepath.Join(filepath.Dir(s.Path()), "backups")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a brand-new store was backed up (%v)", err)
	}
}

// failingMigrations are this build's migrations with the Go step of
// migration 3 replaced by step.
func failingMigrations(t *testing.T, step migrationStep) []migration {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	ms = append([]migration(nil), ms...)
	ms[2].step = step
	return ms
}

func TestFailedConversionLeavesStoreAsItWas(t *testing.T) {
	fixClock(t)
	path := storeAtSchema2(t)
	_, keys, before := storedRows(t, "file:"+path)
	ms := failingMigrations(t, func(ctx context.Context, tx *sql.Tx) error {
		if err := convertRecordsToV2(ctx, tx); err != nil {
			return err
		}
		return errors.New("the disk is full")
	})
	db, err := openDB(path)
	if err != nil {
		t.Fatal(err)
	}
	err = (&Store{db: db, path: path}).migrate(ms)
	db.Close()
	for _, want := range []string{"the disk is full", "left at schema 2", "panel-schema2-20261128T090000.db"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want one saying %q", err, want)
		}
	}
	version, afterKeys, after := storedRows(t, "file:"+path)
	if version != 2 || strings.Join(afterKeys, " ") != strings.Join(keys, " ") {
		t.Fatalf("after a failed migration: schema %d, rows %v", version, afterKeys)
	}
	for i := range before {
		if !bytes.Equal(after[i], before[i]) {
			t.Errorf("%s changed: % x, was % x", keys[i], after[i], before[i])
		}
	}
}

// TestKilledConversionLeavesStoreAsItWas copies the store's files, as a
// power cut would leave them, after every row is converted but before the
// migration commits; the copy, opened, is the store as it was.
func TestKilledConversionLeavesStoreAsItWas(t *testing.T) {
	path := storeAtSchema2(t)
	_, _, before := storedRows(t, "file:"+path)
	crash := filepath.Join(t.TempDir(), "panel.db")
	ms := failingMigrations(t, func(ctx context.Context, tx *sql.Tx) error {
		if err := convertRecordsToV2(ctx, tx); err != nil {
			return err
		}
		for _, suffix := range []string{"", "-wal"} {
			if b, err := os.ReadFile(path + suffix); err == nil {
				if err := os.WriteFile(crash+suffix, b, 0o600); err != nil {
					return err
				}
			}
		}
		return errors.New("killed")
	})
	db, err := openDB(path)
	if err != nil {
		t.Fatal(err)
	}
	err = (&Store{db: db, path: path}).migrate(ms)
	db.Close()
	if err == nil {
		t.Fatal("the migration did not stop")
	}
	version, _, after := storedRows(t, "file:"+crash)
	if version != 2 || len(after) != len(before) {
		t.Fatalf("after a kill: schema %d, %d rows", version, len(after))
	}
	for i := range before {
		if !bytes.Equal(after[i], before[i]) {
			t.Errorf("row %d after a kill: % x, was % x", i, after[i], before[i])
		}
	}
}

func TestFailedBackupStopsMigration(t *testing.T) {
	path := storeAtSchema2(t)
	_, _, before := storedRows(t, "file:"+path)
	// A file where the backups folder should be: the backup cannot be made.
	if err := os.WriteFile(filepath.Join(filepath.Dir(path), "backups"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatal("Open migrated a store it could not back up")
	}
	for _, want := range []string{"could not back up the store before updating it from schema 2", "so it was not updated", "backups folder"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	version, _, after := storedRows(t, "file:"+path)
	if version != 2 || len(after) != len(before) || !bytes.Equal(after[2], before[2]) {
		t.Errorf("the store changed: schema %d, %d rows", version, len(after))
	}
}

// TestNewerSchemaRefused: a store whose schema is above this build's is
// refused with the message a person needs, and not a byte of it changes;
// one store in SQLite's default (rollback) journal mode, which opening with
// the store's options would switch to WAL, and one in WAL mode.
func TestNewerSchemaRefused(t *testing.T) {
	known := migrationCount(t)
	for _, wal := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "panel.db")
		dsn := "file:" + path
		if wal {
			dsn += "?_journal_mode=WAL"
		}
		db, err := sql.Open("sqlite3", dsn)
		if err != nil {
			t.Fatal(err)
		}
		mustExec(t, db, "CREATE TABLE future (x)")
		mustExec(t, db, "PRAGMA user_version = "+strconv.Itoa(known+6))
		db.Close()
		before, _ := os.ReadFile(path)

		s, err := Open(path)
		if err == nil {
			s.Close()
			t.Fatalf("wal %v: a newer schema was opened", wal)
		}
		want := "this store was written by a newer version of permanence (schema " + strconv.Itoa(known+6) +
			"); this version knows up to " + strconv.Itoa(known)
		var newer *NewerSchemaError
		if err.Error() != want || !errors.As(err, &newer) {
			t.Errorf("wal %v: error %q, want %q", wal, err, want)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
			t.Errorf("wal %v: the refused store's bytes changed", wal)
		}
		if es, _ := os.ReadDir(filepath.Dir(path)); len(es) != 1 {
			t.Errorf("wal %v: %d files beside the refused store, want only the store", wal, len(es))
		}
	}
}

// TestMigrateRefusesNewerSchema: the check inside the open database, which
// stands if the file's header was out of date (a WAL not yet checkpointed).
func TestMigrateRefusesNewerSchema(t *testing.T) {
	s := openTemp(t)
	mustExec(t, s.db, "PRAGMA user_version = 99")
	ms, _ := migrations()
	var newer *NewerSchemaError
	if err := s.migrate(ms); !errors.As(err, &newer) || newer.Found != 99 || newer.Known != migrationCount(t) {
		t.Errorf("migrate at schema 99: %v", err)
	}
}

func TestLoadMigrations(t *testing.T) {
	sqlFile := &fstest.MapFile{Data: []byte("CREATE TABLE t (x);")}
	step := func(context.Context, *sql.Tx) error { return nil }
	for _, tc := range []struct {
		name  string
		files fstest.MapFS
		steps map[int]migrationStep
		want  string // part of the error; "" for none
	}{
		{"in order", fstest.MapFS{"migrations/0002_b.sql": sqlFile, "migrations/0001_a.sql": sqlFile}, map[int]migrationStep{2: step}, ""},
		{"a gap", fstest.MapFS{"migrations/0001_a.sql": sqlFile, "migrations/0003_c.sql": sqlFile}, nil, "expected number 2"},
		{"a repeat", fstest.MapFS{"migrations/0001_a.sql": sqlFile, "migrations/0001_b.sql": sqlFile}, nil, "expected number 2"},
		{"no number", fstest.MapFS{"migrations/init.sql": sqlFile}, nil, "must start with its number"},
		{"a Go step with no file", fstest.MapFS{"migrations/0001_a.sql": sqlFile}, map[int]migrationStep{2: step}, "migration 2 has a Go step"},
	} {
		ms, err := loadMigrations(tc.files, tc.steps)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want == "" && (len(ms) != 2 || ms[0].name != "0001_a.sql" || ms[1].step == nil || ms[0].step != nil):
			t.Errorf("%s: %+v", tc.name, ms)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.want)
		}
	}
}

func TestNegativeSchemaRefused(t *testing.T) {
	s := openTemp(t)
	mustExec(t, s.db, "PRAGMA user_version = -1")
	ms, _ := migrations()
	if err := s.migrate(ms); err == nil || !strings.Contains(err.Error(), "not a permanence store") {
		t.Errorf("migrate at schema -1: %v", err)
	}
}

// storeAtSchema3 makes a store as the previous version left it: schema 3,
// the extracts and child rows of storeAtSchema2 (records version 2), a
// warning and the authority's name; no backups folder. It returns the
// store's path.
func storeAtSchema3(t *testing.T) string {
	t.Helper()
	path := storeAtSchema2(t)
	db, err := openDB(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if err := (&Store{db: db, path: path}).migrate(ms[:3]); err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, `INSERT INTO warnings (extract_id, child_id, source_row, column_name, value, message)
		VALUES (2, 'C-1042', 3, 'dob', '31/02/2019', 'not a date')`)
	mustExec(t, db, "INSERT INTO settings (key, value) VALUES ('authority_name', 'Anytown')")
	if err := os.RemoveAll(filepath.Join(filepath.Dir(path), "backups")); err != nil {
		t.Fatal(err)
	}
	return path
}

// tableText is every row of the named tables of the database at dsn, as
// text, for comparing before and after.
func tableText(t *testing.T, dsn string, tables ...string) string {
	t.Helper()
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	for _, table := range tables {
		rows, err := db.Query("SELECT * FROM " + table + " ORDER BY 1, 2")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %q\n", table, vals)
		}
		rows.Close()
	}
	return b.String()
}

// TestMigrateSchema3To4: a store the previous version wrote (schema 3)
// opens at the newest schema (4 and on) with its extracts, child rows, warnings and settings
// as they were, the panel's tables empty, and a backup at schema 3 made
// first.
func TestMigrateSchema3To4(t *testing.T) {
	fixClock(t)
	path := storeAtSchema3(t)
	kept := []string{"extracts", "child_rows", "warnings", "settings"}
	before := tableText(t, "file:"+path+"?mode=ro", kept...)
	if !strings.Contains(before, "C-1042") || !strings.Contains(before, "Anytown") {
		t.Fatalf("the fixture is not what it should be:\n%s", before)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if ms, err := s.Meetings(ctx); err != nil || len(ms) != 0 {
		t.Errorf("meetings after the migration: %v %v", ms, err)
	}
	if xs, _ := s.Extracts(ctx); len(xs) != 2 {
		t.Errorf("%d extracts after the migration, want 2", len(xs))
	}
	if bs, err := s.Benchmarks(ctx); err != nil || len(bs) != 0 {
		t.Errorf("benchmarks after the migration (schema 5): %v %v, want none", bs, err)
	}
	s.Close()
	version, _, _ := storedRows(t, "file:"+path+"?mode=ro")
	if version != migrationCount(t) {
		t.Errorf("schema %d after Open, want %d", version, migrationCount(t))
	}
	if after := tableText(t, "file:"+path+"?mode=ro", kept...); after != before {
		t.Errorf("the migration changed what was stored:\nbefore\n%s\nafter\n%s", before, after)
	}
	backup := filepath.Join(filepath.Dir(path), "backups", "panel-schema3-20261128T090000.db")
	if v, _, _ := storedRows(t, "file:"+backup+"?mode=ro"); v != 3 {
		t.Errorf("the backup before the migration is at schema %d, want 3", v)
	}
	if got := tableText(t, "file:"+backup+"?mode=ro", kept...); got != before {
		t.Errorf("the backup holds\n%s\nwant\n%s", got, before)
	}
}
