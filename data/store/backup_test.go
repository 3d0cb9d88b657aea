package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"permanence/data"
)

func TestBackupNames(t *testing.T) {
	fixClock(t)
	s := openTemp(t)
	var names []string
	for range 3 {
		p, err := s.backupBeforeMigration(7)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Base(p))
	}
	want := []string{"panel-schema7-20261128T090000.db", "panel-schema7-20261128T090000-2.db", "panel-schema7-20261128T090000-3.db"}
	if !slices.Equal(names, want) {
		t.Errorf("backups named %q, want %q", names, want)
	}
}

// TestPruneMigrationBackups: of twelve migration backups of panel.db, the
// two oldest go (the oldest by the time in the name, whatever the schema
// number); other stores' backups and other files stay.
func TestPruneMigrationBackups(t *testing.T) {
	dir := t.TempDir()
	names := []string{
		"panel-schema10-20260101T000000.db",  // oldest: removed
		"panel-schema2-20260102T000000.db",   // second oldest: removed
		"panel-schema2-20260102T000000-2.db", // same second, made after it: kept
		"panel-schema2-20260103T000000.db",
		"panel-schema2-20260104T000000.db",
		"panel-schema2-20260105T000000.db",
		"panel-schema2-20260106T000000.db",
		"panel-schema2-20260107T000000.db",
		"panel-schema2-20260108T000000.db",
		"panel-schema2-20260109T000000.db",
		"panel-schema2-20260110T000000.db",
		"panel-schema3-20260111T000000.db",
		"other-schema2-20250101T000000.db",  // another store's
		"panel-import-20250101T000000.db",   // not a migration backup
		"panel-schema2-20250101T000000.txt", // not a backup
	}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := pruneBackups(dir, "panel", reasonMigration, 10); err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		_, err := os.Stat(filepath.Join(dir, n))
		if gone := err != nil; gone != (i < 2) {
			t.Errorf("%s: removed %v, want %v", n, gone, i < 2)
		}
	}
}

// backupsOf lists the backups folder beside the store at path: each file's
// name and permissions, and the folder's own ("." first).
func backupsOf(t *testing.T, path string) []string {
	t.Helper()
	dir := filepath.Join(filepath.Dir(path), "backups")
	st, err := os.Stat(dir)
	if err != nil {
		return nil
	}
	out := []string{". " + st.Mode().Perm().String()}
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		info, _ := e.Info()
		out = append(out, e.Name()+" "+info.Mode().Perm().String())
	}
	return out
}

// extractsIn reads the file names of the extracts in the database at path
// (opened read-only), oldest id first, and the meetings' chairs.
func extractsIn(t *testing.T, path string) (extracts, chairs []string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("%s: integrity check %q (%v)", path, check, err)
	}
	read := func(q string) []string {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, s)
		}
		return out
	}
	return read("SELECT file_name FROM extracts ORDER BY id"), read("SELECT chair FROM panel_meetings ORDER BY id")
}

// TestBackupBeforeImport: the first import into a new store makes no
// backup (nothing to protect); the next makes one holding the store as it
// was, 0600 in a 0700 folder; the same bytes again, or the demo's
// extracts, make none.
func TestBackupBeforeImport(t *testing.T) {
	fixClock(t)
	s := openTemp(t)
	saveRows(t, s, data.KindTracker, "jan.csv", d("2026-01-31"), data.Child{ID: "A"})
	if got := backupsOf(t, s.Path()); got != nil {
		t.Fatalf("the first import into a new store made backups: %q", got)
	}
	saveRows(t, s, data.KindTracker, "feb.csv", d("2026-02-28"), data.Child{ID: "A"})
	want := []string{". -rwx------", "panel-import-20261128T090000.db -rw-------"}
	if got := backupsOf(t, s.Path()); !slices.Equal(got, want) {
		t.Fatalf("backups %q, want %q", got, want)
	}
	backup := filepath.Join(filepath.Dir(s.Path()), "backups", "panel-import-20261128T090000.db")
	if got, _ := extractsIn(t, backup); !slices.Equal(got, []string{"jan.csv"}) {
		t.Errorf("the backup holds extracts %q, want the store before the import: jan.csv", got)
	}
	// The same bytes again: nothing will be written, no backup.
	x := &data.ExtractData{Kind: data.KindTracker, FileName: "feb again.csv", SHA256: data.KindTracker + "feb.csv", Date: d("2026-02-28"),
		Children: []data.Child{{ID: "A"}}}
	if r, err := s.SaveExtract(context.Background(), x, false, nil); err != nil || !r.AlreadyImported {
		t.Fatalf("same bytes: %+v %v", r, err)
	}
	// Demo extracts (only ever in the demo's store): no backup.
	saveRows(t, s, data.KindDemo, "demo.csv", d("2026-03-31"), data.Child{ID: "D"})
	if got := backupsOf(t, s.Path()); len(got) != 2 {
		t.Errorf("backups after the same bytes and a demo extract: %q, want only the first", got)
	}
}

// TestImportRefusedWithoutBackup: when the backup cannot be made, nothing
// is imported, and the error says so.
func TestImportRefusedWithoutBackup(t *testing.T) {
	s := openTemp(t)
	saveRows(t, s, data.KindTracker, "jan.csv", d("2026-01-31"), data.Child{ID: "A"})
	// A file where the backups folder should be.
	if err := os.WriteFile(filepath.Join(filepath.Dir(s.Path()), "backups"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	x := &data.ExtractData{Kind: data.KindTracker, FileName: "feb.csv", SHA256: "feb", Date: d("2026-02-28"), Children: []data.Child{{ID: "A"}}}
	_, err := s.SaveExtract(context.Background(), x, false, nil)
	if err == nil || !strings.Contains(err.Error(), "could not back up the store before importing, so nothing was imported") {
		t.Errorf("import without a backup: %v", err)
	}
	if xs, _ := s.Extracts(context.Background()); len(xs) != 1 {
		t.Errorf("%d extracts stored, want 1: the import went ahead", len(xs))
	}
}

// TestDailyBackup: one a day (the UTC date in its name), none for an empty
// store, seven kept; calls at once, with reads and writes going on, make
// one.
func TestDailyBackup(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	atClock(t, "2026-11-28T09:00:00Z")
	if p, err := s.DailyBackup(ctx); p != "" || err != nil {
		t.Fatalf("daily backup of an empty store: %q %v", p, err)
	}
	id := newMeeting(t, s, "2026-12-10", data.PanelTracking)

	// Four at once, while records are saved and read.
	var wg sync.WaitGroup
	paths := make(chan string, 4)
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := s.SaveRecord(ctx, fullRecord(id, "C1", strconv.Itoa(i)), "sw"); err != nil {
				t.Error(err)
				return
			}
			if _, _, err := s.Record(ctx, id, "C1"); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := s.DailyBackup(ctx)
			if err != nil {
				t.Error(err)
			}
			paths <- p
		}()
	}
	wg.Wait()
	close(stop)
	<-stopped // before the clock changes
	close(paths)
	var made []string
	for p := range paths {
		if p != "" {
			made = append(made, filepath.Base(p))
		}
	}
	if !slices.Equal(made, []string{"panel-daily-20261128T090000.db"}) {
		t.Fatalf("four daily backups at once made %q, want one", made)
	}
	if _, chairs := extractsIn(t, filepath.Join(filepath.Dir(s.Path()), "backups", made[0])); len(chairs) != 1 {
		t.Errorf("the daily backup holds %d meetings, want 1", len(chairs))
	}
	// Later the same UTC day: none. The next days: one each, seven kept.
	atClock(t, "2026-11-28T23:59:59Z")
	if p, err := s.DailyBackup(ctx); p != "" || err != nil {
		t.Errorf("a second daily backup the same day: %q %v", p, err)
	}
	for day := 29; day <= 37; day++ {
		atClock(t, time.Date(2026, 11, day, 0, 0, 1, 0, time.UTC).Format(time.RFC3339))
		if p, err := s.DailyBackup(ctx); p == "" || err != nil {
			t.Fatalf("day %d: no daily backup (%v)", day, err)
		}
	}
	want := []string{". -rwx------"}
	for day := 1; day <= 7; day++ { // 28 Nov to 7 Dec is ten backups: the three oldest go
		want = append(want, fmt.Sprintf("panel-daily-202612%02dT000001.db -rw-------", day))
	}
	if got := backupsOf(t, s.Path()); !slices.Equal(got, want) {
		t.Errorf("daily backups kept\n%q\nwant\n%q", got, want)
	}
}

// TestPruneKeepsEachReasonApart: pruning one reason's backups leaves
// other reasons', other stores' and a store whose name starts the same.
func TestPruneKeepsEachReasonApart(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for i := 1; i <= 12; i++ {
		names = append(names, fmt.Sprintf("panel-import-202601%02dT000000.db", i))
	}
	others := []string{"panel-daily-20250101T000000.db", "panel-schema3-20250101T000000.db", "panel-restore-20250101T000000.db",
		"panel-import-x-20250101T000000.db", "other-import-20250101T000000.db", "panel-import-20250101T000000.db-wal"}
	for _, n := range append(slices.Clone(names), others...) {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := pruneBackups(dir, "panel", reasonImport, keepBackups[reasonImport]); err != nil {
		t.Fatal(err)
	}
	es, _ := os.ReadDir(dir)
	var got []string
	for _, e := range es {
		got = append(got, e.Name())
	}
	want := append(slices.Clone(names[2:]), others...)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("after pruning imports to 10:\n%q\nwant\n%q", got, want)
	}
}

// TestBackupOut: permanence backup --out FILE writes a whole store, 0600,
// and never overwrites.
func TestBackupOut(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	saveRows(t, s, data.KindTracker, "jan.csv", d("2026-01-31"), data.Child{ID: "A"})
	newMeeting(t, s, "2026-12-10", data.PanelTracking)
	dir := t.TempDir()
	out := filepath.Join(dir, "copy.db")
	if err := s.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("the backup: %v %v", st, err)
	}
	if xs, chairs := extractsIn(t, out); !slices.Equal(xs, []string{"jan.csv"}) || !slices.Equal(chairs, []string{"Head of Service"}) {
		t.Errorf("the backup holds %q and %q", xs, chairs)
	}
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("files left beside the backup: %d", len(es))
	}
	before, _ := os.ReadFile(out)
	for _, tc := range []struct{ out, says string }{
		{out, "already exists"},
		{s.Path(), "is the store itself"},
		{s.Path() + "-wal", "is the store itself"},
		{filepath.Join(dir, "no such folder", "x.db"), "does not exist"},
	} {
		if err := s.Backup(ctx, tc.out); err == nil || !strings.Contains(err.Error(), tc.says) || !strings.Contains(err.Error(), tc.out) {
			t.Errorf("backup to %s: %v, want one naming it and saying %q", tc.out, err, tc.says)
		}
	}
	if after, _ := os.ReadFile(out); !bytes.Equal(before, after) {
		t.Error("an existing file was overwritten")
	}
}
