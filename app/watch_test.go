package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"permanence/data/importer"
	"permanence/data/store"

	"fyne.io/fyne/v2/test"
)

// An import made by another program (the command line) while the app is
// open is noticed, and the dashboard moves to the new extract.
func TestAppNoticesAnotherProgramsImport(t *testing.T) {
	s := emptyStore(t)
	ctx := context.Background()
	first := writeFile(t, "tracker-2026-03-31.csv", goodTracker)
	if _, err := importer.ImportPaths(ctx, s, []string{first}, importer.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	u, _ := newTestUI(t, s)
	u.bridge.wait()
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

// Started on the demo authority, Import… of a real extract imports nothing
// into the demo; it offers the user's own store, and imports there.
func TestDemoOffersOwnStoreForRealData(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	demoDB := demoStore(t)
	u, w := newTestUI(t, demoDB)
	u.bridge.wait()
	ctx := context.Background()
	before, _ := demoDB.Extracts(ctx)
	real := writeFile(t, "tracker-2026-05-31.csv", goodTracker)
	u.importer.start([]string{real}, importer.ImportOptions{})
	u.bridge.wait()
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "Real data into the demo?") {
		t.Fatal("importing real data into the demo should ask about the user's own store")
	}
	if after, _ := demoDB.Extracts(ctx); len(after) != len(before) {
		t.Fatal("the demo store took a real extract")
	}
	own, _ := store.DefaultPath()
	if err := u.switchStore(own); err != nil {
		t.Fatal(err)
	}
	u.importer.start([]string{real}, importer.ImportOptions{})
	u.bridge.wait()
	u.bridge.wait()
	xs, _ := u.store.Extracts(ctx)
	if len(xs) != 1 || xs[0].Kind != "tracker" || u.store.Path() != own {
		t.Fatalf("the user's own store holds %+v", xs)
	}
	if u.snap == nil || u.snap.m.Count("in_care") != 3 || strings.Contains(u.title.Text, "Demo") {
		t.Errorf("after switching, the dashboard shows %q with %d in care", u.title.Text, u.snap.m.Count("in_care"))
	}
	u.store.Close()
}
