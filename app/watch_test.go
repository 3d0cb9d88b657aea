package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"permanence/data/importer"
	"permanence/data/store"
)

// An import made by another program (the command line) while the app is
// open is noticed, and the dashboard moves to the new extract.
func TestAppNoticesAnotherProgramsImport(t *testing.T) {
	s := demoStore(t)
	u, _ := newTestUI(t, s)
	u.bridge.wait()
	ctx := context.Background()
	if u.storeChangedElsewhere(ctx) {
		t.Fatal("nothing has changed yet")
	}
	before := u.snap.m.Count("in_care")
	other, err := store.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	csv := filepath.Join(t.TempDir(), "tracker-2026-04-30.csv")
	os.WriteFile(csv, []byte("Child ID,CLA Start Date\nNEW1,01/04/2026\n"), 0o600)
	if _, err := importer.ImportPaths(ctx, other, []string{csv}, importer.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if !u.storeChangedElsewhere(ctx) {
		t.Fatal("the other program's import was not noticed")
	}
	u.reloadStore()
	u.bridge.wait()
	u.bridge.wait()
	if got := u.view.asAt.String(); got != "2026-04-30" {
		t.Errorf("as at %s, want the new extract's 2026-04-30", got)
	}
	// The others keep their last rows (extract.md): one child more in care.
	if u.snap.m.Count("in_care") != before+1 {
		t.Errorf("in care %d, want %d (the one new child added)", u.snap.m.Count("in_care"), before+1)
	}
}
