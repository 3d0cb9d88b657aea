package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"permanence/data"
)

// TestRestoreRoundTrip: back up, change the store, restore: the store is
// as it was at the backup, and what it replaced is in backups/.
func TestRestoreRoundTrip(t *testing.T) {
	fixClock(t)
	ctx := context.Background()
	s := openTemp(t)
	path := s.Path()
	saveRows(t, s, data.KindTracker, "jan.csv", d("2026-01-31"), data.Child{ID: "A"})
	id := newMeeting(t, s, "2026-12-10", data.PanelTracking)
	r1 := fullRecord(id, "A", "before")
	if _, err := s.SaveRecord(ctx, r1, "sw"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "kept.db")
	if err := s.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	// Changes after the backup: a second version, another import.
	if _, err := s.SaveRecord(ctx, fullRecord(id, "A", "after"), "sw"); err != nil {
		t.Fatal(err)
	}
	saveRows(t, s, data.KindTracker, "feb.csv", d("2026-02-28"), data.Child{ID: "A"})
	s.Close()

	replaced, err := Restore(path, out)
	if err != nil {
		t.Fatal(err)
	}
	wantBackup := filepath.Join(filepath.Dir(path), "backups", "panel-restore-20261128T090000.db")
	if replaced != wantBackup {
		t.Errorf("the replaced store was kept as %q, want %q", replaced, wantBackup)
	}
	if xs, _ := extractsIn(t, replaced); !slices.Equal(xs, []string{"jan.csv", "feb.csv"}) {
		t.Errorf("the replaced store's backup holds %q, want jan.csv and feb.csv", xs)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the restored store: %v %v, want 0600", st, err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	xs, _ := s.Extracts(ctx)
	if len(xs) != 1 || xs[0].FileName != "jan.csv" {
		t.Errorf("restored extracts %+v, want jan.csv alone", xs)
	}
	hist, err := s.RecordHistory(ctx, id, "A")
	if err != nil || len(hist) != 1 || !reflect.DeepEqual(hist[0].Record, r1) {
		t.Errorf("restored history %+v (%v), want the one version before the backup", hist, err)
	}
	if got, _, _ := s.Record(ctx, id, "A"); !reflect.DeepEqual(got, r1) {
		t.Errorf("restored record %+v", got)
	}
}

// refusedRestore restores from into a closed store holding one extract and
// checks that it is refused, naming from and saying says, and that the
// store and the backups folder are as they were.
func refusedRestore(t *testing.T, from, says string) error {
	t.Helper()
	s := openTemp(t)
	saveRows(t, s, data.KindTracker, "jan.csv", d("2026-01-31"), data.Child{ID: "A"})
	path := s.Path()
	s.Close()
	before, _ := os.ReadFile(path)
	beforeDir := filesUnder(t, filepath.Dir(path))
	_, err := Restore(path, from)
	if err == nil {
		t.Fatalf("restore from %s was not refused", from)
	}
	if !strings.Contains(err.Error(), from) || !strings.Contains(err.Error(), says) {
		t.Errorf("restore from %s: %q, want one naming the file and saying %q", from, err, says)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Errorf("restore from %s changed the store", from)
	}
	if afterDir := filesUnder(t, filepath.Dir(path)); !slices.Equal(beforeDir, afterDir) {
		t.Errorf("restore from %s left files: %q, were %q", from, afterDir, beforeDir)
	}
	return err
}

// sqliteFile makes an SQLite database at a new path by running qs.
func sqliteFile(t *testing.T, name string, qs ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range qs {
		mustExec(t, db, q)
	}
	return path
}

func TestRestoreRefusesWhatIsNotAStore(t *testing.T) {
	text := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(text, []byte("Dear panel,\nthese are not records.\n"), 0o600)
	if err := refusedRestore(t, text, "not an SQLite database"); !errors.Is(err, ErrNotAStore) {
		t.Errorf("a text file: %v, want ErrNotAStore", err)
	}

	other := sqliteFile(t, "contacts.db", "CREATE TABLE people (name TEXT)", "INSERT INTO people VALUES ('Ann')")
	if err := refusedRestore(t, other, "another program"); !errors.Is(err, ErrNotAStore) {
		t.Errorf("another program's database: %v, want ErrNotAStore", err)
	}

	// Says schema 4, holds none of its tables.
	pretender := sqliteFile(t, "pretender.db", "CREATE TABLE extracts (id INTEGER)", "PRAGMA user_version = 4")
	if err := refusedRestore(t, pretender, "lacks"); !errors.Is(err, ErrNotAStore) || !strings.Contains(err.Error(), "panel_records") {
		t.Errorf("a database with the wrong tables: %v, want ErrNotAStore naming panel_records", err)
	}

	known := migrationCount(t)
	newer := sqliteFile(t, "future.db", "CREATE TABLE extracts (id INTEGER)", "PRAGMA user_version = "+strconv.Itoa(known+1))
	err := refusedRestore(t, newer, "newer version of permanence")
	var ns *NewerSchemaError
	if !errors.As(err, &ns) || ns.Found != known+1 || ns.Known != known {
		t.Errorf("a newer schema: %v, want a *NewerSchemaError", err)
	}

	if err := refusedRestore(t, t.TempDir(), "folder"); err == nil {
		t.Error("a folder was restored")
	}
}

// TestRestoreRefusesDamagedFile: a store whose pages were overwritten is
// refused as damaged (PRAGMA quick_check), though its header is sound.
func TestRestoreRefusesDamagedFile(t *testing.T) {
	s := openTemp(t)
	x := &data.ExtractData{Kind: data.KindTracker, FileName: "big.csv", SHA256: "big", Date: d("2026-03-31")}
	for i := range 3000 {
		x.Children = append(x.Children, data.Child{ID: "child-" + strconv.Itoa(i), PlanText: strings.Repeat("p", i%40)})
	}
	if _, err := s.SaveExtract(context.Background(), x, false, nil); err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(t.TempDir(), "damaged.db")
	if err := s.Backup(context.Background(), damaged); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(damaged)
	if len(b) < 40*4096 {
		t.Fatalf("only %d bytes", len(b))
	}
	for i := 8 * 4096; i < len(b)-4096; i += 3 * 4096 { // every third page from the ninth: nonsense
		copy(b[i:i+4096], bytes.Repeat([]byte{0xA5, 0x5A, 0x13}, 4096/3))
	}
	os.WriteFile(damaged, b, 0o600)
	if err := refusedRestore(t, damaged, "damaged"); !errors.Is(err, ErrDamaged) {
		t.Errorf("a damaged store: %v, want ErrDamaged", err)
	}
}

// TestRestoreOlderSchema: a backup of schema 3 (the previous version's) is
// restored and brought up to date, its extracts intact.
func TestRestoreOlderSchema(t *testing.T) {
	fixClock(t)
	old := storeAtSchema3(t)
	_, keys, recs := storedRows(t, "file:"+old+"?mode=ro")
	s := openTemp(t)
	path := s.Path()
	s.Close()
	if _, err := Restore(path, old); err != nil {
		t.Fatal(err)
	}
	version, afterKeys, afterRecs := storedRows(t, "file:"+path+"?mode=ro")
	if version != migrationCount(t) || !slices.Equal(keys, afterKeys) {
		t.Fatalf("restored: schema %d, rows %q; want schema %d, rows %q", version, afterKeys, migrationCount(t), keys)
	}
	for i := range recs {
		if !bytes.Equal(recs[i], afterRecs[i]) {
			t.Errorf("%s changed", keys[i])
		}
	}
	// The file restored from is never changed.
	if v, _, _ := storedRows(t, "file:"+old+"?mode=ro"); v != 3 {
		t.Errorf("the file restored from is at schema %d, want 3 still", v)
	}
}

// TestRestoreRefusesAnOpenStore: another connection has the store open (as
// the app would): the restore is refused and the store left whole.
func TestRestoreRefusesAnOpenStore(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	saveRows(t, s, data.KindTracker, "jan.csv", d("2026-01-31"), data.Child{ID: "A"})
	out := filepath.Join(t.TempDir(), "kept.db")
	if err := s.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	id := newMeeting(t, s, "2026-12-10", data.PanelTracking)
	_, err := Restore(s.Path(), out)
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "close it") {
		t.Errorf("restore over an open store: %v, want ErrBusy", err)
	}
	if _, err := s.Meeting(ctx, id); err != nil {
		t.Errorf("the open store lost its meeting: %v", err)
	}
}

// TestRestoreOverDamagedStore: a store SQLite cannot read is replaced, and
// kept byte for byte in backups/.
func TestRestoreOverDamagedStore(t *testing.T) {
	fixClock(t)
	s := openTemp(t)
	saveRows(t, s, data.KindTracker, "jan.csv", d("2026-01-31"), data.Child{ID: "A"})
	out := filepath.Join(t.TempDir(), "kept.db")
	if err := s.Backup(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	noise := bytes.Repeat([]byte("not a database "), 1000)
	os.WriteFile(path, noise, 0o600)
	replaced, err := Restore(path, out)
	if err != nil {
		t.Fatal(err)
	}
	if kept, _ := os.ReadFile(replaced); !bytes.Equal(kept, noise) {
		t.Errorf("the damaged store was not kept as it was in %s", replaced)
	}
	if xs, _ := extractsIn(t, path); !slices.Equal(xs, []string{"jan.csv"}) {
		t.Errorf("restored extracts %q", xs)
	}
}

// TestRestoreIntoNoStore: restoring where there is no store yet makes it,
// with nothing to back up.
func TestRestoreIntoNoStore(t *testing.T) {
	s := openTemp(t)
	saveRows(t, s, data.KindTracker, "jan.csv", d("2026-01-31"), data.Child{ID: "A"})
	out := filepath.Join(t.TempDir(), "kept.db")
	if err := s.Backup(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "new", "panel.db")
	replaced, err := Restore(path, out)
	if err != nil || replaced != "" {
		t.Fatalf("restore into no store: %q %v", replaced, err)
	}
	if xs, _ := extractsIn(t, path); !slices.Equal(xs, []string{"jan.csv"}) {
		t.Errorf("restored extracts %q", xs)
	}
	if _, err := Restore(out, out); err == nil || !strings.Contains(err.Error(), "is the store itself") {
		t.Errorf("restore a store onto itself: %v", err)
	}
}

// TestRestoreOverStoreLeftByCrash: the store's files as a crash leaves
// them (the store and a -wal holding its latest writes): the backup of
// what is replaced holds those writes, and the restored store is the
// backup's, none of the old -wal read into it.
func TestRestoreOverStoreLeftByCrash(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	saveRows(t, s, data.KindTracker, "jan.csv", d("2026-01-31"), data.Child{ID: "A"})
	out := filepath.Join(t.TempDir(), "kept.db")
	if err := s.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	newMeeting(t, s, "2026-12-10", data.PanelTracking)
	saveRows(t, s, data.KindTracker, "feb.csv", d("2026-02-28"), data.Child{ID: "A"})
	crash := filepath.Join(t.TempDir(), "panel.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(s.Path() + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if suffix == "-wal" && len(b) == 0 {
			t.Fatal("the -wal is empty: nothing to test")
		}
		os.WriteFile(crash+suffix, b, 0o600)
	}
	replaced, err := Restore(crash, out)
	if err != nil {
		t.Fatal(err)
	}
	if xs, chairs := extractsIn(t, replaced); !slices.Equal(xs, []string{"jan.csv", "feb.csv"}) || len(chairs) != 1 {
		t.Errorf("the replaced store's backup holds %q and %d meetings, want its latest writes too", xs, len(chairs))
	}
	if xs, chairs := extractsIn(t, crash); !slices.Equal(xs, []string{"jan.csv"}) || len(chairs) != 0 {
		t.Errorf("the restored store holds %q and %d meetings, want the backup's: jan.csv alone", xs, len(chairs))
	}
}

// TestRestoreRefusesToReplaceAnotherProgramsDatabase: --db naming another
// program's database: nothing is restored over it.
func TestRestoreRefusesToReplaceAnotherProgramsDatabase(t *testing.T) {
	s := openTemp(t)
	out := filepath.Join(t.TempDir(), "kept.db")
	if err := s.Backup(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	other := sqliteFile(t, "contacts.db", "CREATE TABLE people (name TEXT)", "INSERT INTO people VALUES ('Ann')")
	before, _ := os.ReadFile(other)
	if _, err := Restore(other, out); !errors.Is(err, ErrNotAStore) || !strings.Contains(err.Error(), "nothing was restored") {
		t.Errorf("restore over another program's database: %v, want ErrNotAStore", err)
	}
	if after, _ := os.ReadFile(other); !bytes.Equal(before, after) {
		t.Error("another program's database was changed")
	}
}
