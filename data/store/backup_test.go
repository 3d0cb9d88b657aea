package store

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
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
	if err := pruneMigrationBackups(dir, "panel", 10); err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		_, err := os.Stat(filepath.Join(dir, n))
		if gone := err != nil; gone != (i < 2) {
			t.Errorf("%s: removed %v, want %v", n, gone, i < 2)
		}
	}
}
