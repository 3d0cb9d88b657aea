package app

import (
	"path/filepath"
	"permanence/data/store"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A store in a folder Dropbox syncs (OneDrive and network drives alike on
// Windows) opens with a dialog saying why that is risky; one in an
// ordinary folder opens with none.
func TestStoreInASyncedFolderIsWarnedAbout(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(t.TempDir(), "config"))
	for _, c := range []struct {
		folder string
		warned bool
	}{{"Dropbox", true}, {"Panel", false}} {
		path := filepath.Join(t.TempDir(), c.folder, "panel.db")
		s, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		u, w := newTestUI(t, s)
		u.warnStorePlace(path)
		u.bridge.wait()
		top := w.Canvas().Overlays().Top()
		if !c.warned {
			if top != nil {
				t.Errorf("%s: a dialog opened for a store in an ordinary folder", c.folder)
			}
			continue
		}
		if top == nil {
			t.Fatalf("%s: no dialog for a store in a synced folder", c.folder)
		}
		var text string
		for _, o := range test.LaidOutObjects(top) {
			switch x := o.(type) {
			case *widget.Label:
				text += x.Text + "\n"
			}
		}
		if !strings.Contains(text, "The store is in a risky place") || !strings.Contains(text, "The store "+path+" is in a folder that Dropbox syncs") {
			t.Errorf("the dialog says:\n%s", text)
		}
	}
}
