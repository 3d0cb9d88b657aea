package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"permanence/data"
)

// saveOne stores one tracker extract holding one child.
func saveOne(t *testing.T, s *Store, name, childID string) {
	t.Helper()
	x := &data.ExtractData{Kind: data.KindTracker, FileName: name, SHA256: "sum-" + name, Date: d("2026-03-31"),
		Children: []data.Child{{ID: childID, EnteredCare: d("2025-01-01")}}}
	if _, err := s.SaveExtract(context.Background(), x, false, nil); err != nil {
		t.Fatal(err)
	}
}

// filesUnder lists every file and folder under dir, relative to it, with
// its permissions.
func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := e.Info()
		if err != nil {
			return err
		}
		out = append(out, rel+" "+info.Mode().String())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestEscapeURIPath(t *testing.T) {
	for in, want := range map[string]string{
		"/tmp/panel.db":               "/tmp/panel.db",
		"/a b/Team #2/panel.db":       "/a%20b/Team%20%232/panel.db",
		"/what?mode=ro.db":            "/what%3Fmode%3Dro.db",
		"/%41.db":                     "/%2541.db",
		"/a&b+c.db":                   "/a%26b%2Bc.db",
		"/Zoë.db":                     "/Zo%C3%AB.db", // ë is C3 AB in UTF-8
		"/C:/Users/x/panel-1_~.db":    "/C:/Users/x/panel-1_~.db",
		"/100%/x#y?z&w=v;k,l'm\"n.db": "/100%25/x%23y%3Fz%26w%3Dv%3Bk%2Cl%27m%22n.db",
	} {
		if got := escapeURIPath(in); got != want {
			t.Errorf("escapeURIPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOpenOpensExactlyTheNamedFile: whatever a user types after --db, the
// store is that file, 0600 (its -wal and -shm too), it holds what was
// saved, and nothing else appears beside it.
func TestOpenOpensExactlyTheNamedFile(t *testing.T) {
	for _, name := range []string{
		"Team #2/panel.db", "what?.db", "%41.db", "50% done.db", "a&b=c.db", "x+y.db",
		"?mode=ro&_txlock=deferred.db", "file:panel.db", "Zoë's store ☃/panel.db", "#", " leading space.db",
	} {
		for _, relative := range []bool{false, true} {
			dir := t.TempDir()
			path := filepath.Join(dir, name)
			if relative {
				t.Chdir(dir)
				path = name
			}
			s, err := Open(path)
			if err != nil {
				t.Fatalf("Open(%q): %v", path, err)
			}
			saveOne(t, s, "one.csv", "A")
			want := []string{name + " -rw-------", name + "-shm -rw-------", name + "-wal -rw-------"}
			if sub := filepath.Dir(name); sub != "." {
				want = append([]string{sub + " drwx------"}, want...)
			}
			sort.Strings(want)
			if got := filesUnder(t, dir); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("Open(%q) while open: files\n%s\nwant\n%s", path, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			s.Close()
			if got := filesUnder(t, dir); len(got) != len(want)-2 {
				t.Errorf("Open(%q) after Close: files %q", path, got)
			}
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil || !bytes.HasPrefix(b, []byte("SQLite format 3\x00")) {
				t.Errorf("%q is not the store (%d bytes, %v)", name, len(b), err)
			}
			s, err = Open(path)
			if err != nil {
				t.Fatal(err)
			}
			if xs, err := s.Extracts(context.Background()); err != nil || len(xs) != 1 || xs[0].FileName != "one.csv" {
				t.Errorf("reopened %q: extracts %+v, %v", path, xs, err)
			}
			s.Close()
		}
	}
}

// TestOpenRefusesAnotherProgramsDatabase: an SQLite file with tables of its
// own, no extracts table and schema 0 is refused, and left byte for byte.
func TestOpenRefusesAnotherProgramsDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "contacts.db")
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('Ann')"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	s, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatal("another program's database was opened as a store")
	}
	if !errors.Is(err, ErrNotAStore) || !strings.Contains(err.Error(), path+" is an SQLite database of another program, not a permanence store") {
		t.Errorf("error = %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the refused database was changed")
	}
	if got := filesUnder(t, filepath.Dir(path)); len(got) != 1 {
		t.Errorf("files beside it: %q", got)
	}
}

// TestOpenRefusesDamagedStore: random bytes, and a store cut short, are
// reported as damaged with the backups folder beside them, and left as
// they were.
func TestOpenRefusesDamagedStore(t *testing.T) {
	random := make([]byte, 8192)
	rand.New(rand.NewSource(1)).Read(random)
	dir := t.TempDir()
	noise := filepath.Join(dir, "noise.db")
	os.WriteFile(noise, random, 0o600)

	cut := filepath.Join(dir, "cut.db")
	s, err := Open(cut)
	if err != nil {
		t.Fatal(err)
	}
	x := &data.ExtractData{Kind: data.KindTracker, FileName: "big.csv", SHA256: "big", Date: d("2026-03-31")}
	for i := range 2000 {
		x.Children = append(x.Children, data.Child{ID: strings.Repeat("child", 10) + strings.Repeat("x", i%50) + string(rune('A'+i%26)) + string(rune('a'+i/26))})
	}
	if _, err := s.SaveExtract(context.Background(), x, false, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	b, _ := os.ReadFile(cut)
	if len(b) < 8*4096 {
		t.Fatalf("the store is only %d bytes: too small to cut", len(b))
	}
	os.WriteFile(cut, b[:len(b)/2], 0o600)

	for _, c := range []struct{ path, where string }{
		{noise, "There is no backups folder beside it (" + filepath.Join(dir, "backups") + ")"},
		{cut, "Copies of the store, made before each import and update and once a day, are in " + filepath.Join(dir, "backups") + ": restore the newest"},
	} {
		if c.path == cut {
			os.Mkdir(filepath.Join(dir, "backups"), 0o700)
		}
		before, _ := os.ReadFile(c.path)
		s, err := Open(c.path)
		if err == nil {
			s.Close()
			t.Errorf("%s opened", c.path)
			continue
		}
		msg := err.Error()
		if !errors.Is(err, ErrDamaged) || !strings.HasPrefix(msg, "the store "+c.path+" is damaged or is not a permanence store") || !strings.Contains(msg, c.where) {
			t.Errorf("Open(%s) = %v", c.path, err)
		}
		if after, _ := os.ReadFile(c.path); !bytes.Equal(before, after) {
			t.Errorf("%s was changed", c.path)
		}
	}
}

// TestBusyStoreSaysWhoIsUsingIt: an import that waits too long for another
// one says so, and goes through once the other has finished.
func TestBusyStoreSaysWhoIsUsingIt(t *testing.T) {
	defer func(d time.Duration) { busyTimeout = d }(busyTimeout)
	busyTimeout = 200 * time.Millisecond
	path := filepath.Join(t.TempDir(), "panel.db")
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tx, err := other.DB().Begin() // BEGIN IMMEDIATE: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	tx.Exec("INSERT INTO settings (key, value) VALUES ('x', 'y')")
	start := time.Now()
	x := &data.ExtractData{Kind: data.KindTracker, FileName: "one.csv", SHA256: "1", Date: d("2026-03-31"), Children: []data.Child{{ID: "A"}}}
	_, err = s.SaveExtract(context.Background(), x, false, nil)
	want := "another import or the permanence app is using the store " + path + " (waited 200ms for it); nothing was changed: try again when it has finished"
	if !errors.Is(err, ErrBusy) || err.Error() != want {
		t.Errorf("busy store: %v\nwant %s", err, want)
	}
	if waited := time.Since(start); waited < 200*time.Millisecond {
		t.Errorf("gave up after %v, before the busy timeout", waited)
	}
	tx.Rollback()
	if _, err := s.SaveExtract(context.Background(), x, false, nil); err != nil {
		t.Errorf("after the other finished: %v", err)
	}
}

func TestBusyTimeoutIsThirtySeconds(t *testing.T) {
	dsn, err := storeDSN("/x/panel.db", false)
	if err != nil || dsn != "file:///x/panel.db?_journal_mode=WAL&_busy_timeout=30000&_fk=on&_synchronous=normal&_txlock=immediate&_cache_size=-32000" {
		t.Errorf("storeDSN = %q, %v", dsn, err)
	}
}

// TestReadOnlyFolderNamed: a store in a folder that cannot be written, an
// existing one and a new one, names the folder and says it cannot be
// written. Root writes anywhere whatever the permissions say, so when the
// tests run as root the checks run in a copy of this test binary started
// as the unprivileged user nobody (uid 65534); if that cannot be done the
// test is skipped with the reason.
func TestReadOnlyFolderNamed(t *testing.T) {
	if dir := os.Getenv("PERMANENCE_READONLY_DIR"); dir != "" {
		readOnlyChecks(t, dir)
		return
	}
	dir, err := os.MkdirTemp("", "permanence-readonly-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700); os.RemoveAll(dir) })
	store := filepath.Join(dir, "store")
	s, err := Open(filepath.Join(store, "panel.db"))
	if err != nil {
		t.Fatal(err)
	}
	saveOne(t, s, "one.csv", "A")
	s.Close()
	if os.Geteuid() != 0 {
		os.Chmod(store, 0o500)
		defer os.Chmod(store, 0o700)
		readOnlyChecks(t, store)
		return
	}
	runAsNobody(t, dir, store)
}

// readOnlyChecks opens the existing store, and a new one, in the read-only
// folder dir.
func readOnlyChecks(t *testing.T, dir string) {
	for _, name := range []string{"panel.db", "new.db"} {
		path := filepath.Join(dir, name)
		s, err := Open(path)
		if err == nil {
			s.Close()
			t.Errorf("%s opened in a read-only folder", path)
			continue
		}
		t.Logf("Open(%s): %v", path, err)
		want := "the store " + path + " cannot be written: the folder " + dir + " cannot be written, and permanence must write the store and the " +
			name + "-wal and " + name + "-shm files SQLite keeps beside it. Change the permissions, or use a store in a folder you can write to ("
		if !errors.Is(err, ErrReadOnly) || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Open(%s) = %v\nwant %s…", path, err, want)
		}
	}
}

// TestSameDateErrorSaysWhatReplaceDiscards: the refusal names the stored
// extract and its children, and what --replace would keep.
func TestSameDateErrorSaysWhatReplaceDiscards(t *testing.T) {
	s := openTemp(t)
	saveRows(t, s, data.KindTracker, "teamA.csv + teamB.csv", d("2026-05-31"), data.Child{ID: "A"}, data.Child{ID: "B"})
	x := &data.ExtractData{Kind: data.KindTracker, FileName: "teamC.csv", SHA256: "c", Date: d("2026-05-31"), Children: []data.Child{{ID: "C"}}}
	_, err := s.SaveExtract(context.Background(), x, false, nil)
	var sd *SameDateError
	if !errors.Is(err, ErrSameDate) || !errors.As(err, &sd) {
		t.Fatalf("err = %v", err)
	}
	want := "a tracker extract dated 31/05/2026 is already stored: teamA.csv + teamB.csv, with 2 children, imported on " +
		sd.Stored.ImportedAt.Local().Format("02/01/2006 15:04") + "; nothing was imported.\n" +
		"Replacing it (--replace) would discard that extract and its 2 children, and keep only the 1 child in teamC.csv. " +
		"To keep both, import this together with the stored extract's files, with --replace: the files of one date become one extract holding every file's children."
	if err.Error() != want {
		t.Errorf("message:\n%s\nwant\n%s", err, want)
	}
	if xs, _ := s.Extracts(context.Background()); len(xs) != 1 || xs[0].FileName != "teamA.csv + teamB.csv" {
		t.Errorf("extracts = %+v", xs)
	}
}
