package store

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A store in the old place (roaming AppData) moves, with everything beside
// it, to the new one the first time; after that the new one is used.
func TestSettleStoreDirMovesTheLegacyFolder(t *testing.T) {
	root := t.TempDir()
	legacy := filepath.Join(root, "Roaming", "permanence")
	dir := filepath.Join(root, "Local", "permanence")
	writeFile(t, filepath.Join(legacy, "permanence.db"), "store")
	writeFile(t, filepath.Join(legacy, "permanence.db-wal"), "wal")
	writeFile(t, filepath.Join(legacy, "demo.db"), "demo")
	writeFile(t, filepath.Join(legacy, "backups", "permanence-daily-20260301T090000.db"), "backup")

	if got := settleStoreDir(dir, legacy); got != dir {
		t.Fatalf("settleStoreDir = %s, want %s", got, dir)
	}
	for name, want := range map[string]string{"permanence.db": "store", "permanence.db-wal": "wal", "demo.db": "demo",
		filepath.Join("backups", "permanence-daily-20260301T090000.db"): "backup"} {
		if got := readFile(t, filepath.Join(dir, name)); got != want {
			t.Errorf("%s holds %q, want %q", name, got, want)
		}
	}
	if _, err := os.Stat(legacy); !os.IsNotExist(err) {
		t.Errorf("the old folder is still there (%v)", err)
	}
	// A second call finds the new folder and moves nothing.
	writeFile(t, filepath.Join(legacy, "permanence.db"), "a later store in the old place")
	if got := settleStoreDir(dir, legacy); got != dir {
		t.Fatalf("second settleStoreDir = %s, want %s", got, dir)
	}
	if got := readFile(t, filepath.Join(dir, "permanence.db")); got != "store" {
		t.Errorf("the store in the new place was replaced: %q", got)
	}
}

func TestSettleStoreDirLeavesWhatItShould(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "Local", "permanence")

	// Nothing anywhere (the first start on Windows): the new place, not made yet.
	if got := settleStoreDir(dir, filepath.Join(root, "Roaming", "permanence")); got != dir {
		t.Errorf("no store anywhere: %s, want %s", got, dir)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("settleStoreDir made %s", dir)
	}
	// A legacy folder without a store (only Fyne's or a demo's files) stays.
	noStore := filepath.Join(root, "Roaming2", "permanence")
	writeFile(t, filepath.Join(noStore, "demo.db"), "demo")
	if got := settleStoreDir(dir, noStore); got != dir {
		t.Errorf("legacy folder without a store: %s, want %s", got, dir)
	}
	if readFile(t, filepath.Join(noStore, "demo.db")) != "demo" {
		t.Error("the legacy demo store moved")
	}
	// The rename fails (the store is open in another permanence, or the
	// roaming folder is on another drive): the old place stays in use.
	legacy := filepath.Join(root, "Roaming3", "permanence")
	writeFile(t, filepath.Join(legacy, "permanence.db"), "store")
	renameFolder = func(string, string) error { return errors.New("the folder is in use") }
	defer func() { renameFolder = os.Rename }()
	if got := settleStoreDir(dir, legacy); got != legacy {
		t.Errorf("failed move: %s, want the legacy %s", got, legacy)
	}
	if readFile(t, filepath.Join(legacy, "permanence.db")) != "store" {
		t.Error("the legacy store changed")
	}
}

func TestDefaultPathOutsideWindows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" || runtime.GOOS == "plan9" {
		t.Skip("XDG_CONFIG_HOME decides os.UserConfigDir on Unix only")
	}
	cfg := filepath.Join(t.TempDir(), "my config")
	t.Setenv("XDG_CONFIG_HOME", cfg)
	got, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(cfg, "permanence", "permanence.db"); got != want {
		t.Errorf("DefaultPath = %s, want %s", got, want)
	}
}

// A store in a Dropbox folder is warned about, naming the folder, the
// default store and how to move it; one in an ordinary folder is not.
func TestPlaceWarning(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(t.TempDir(), "config"))
	for _, v := range []string{"OneDrive", "OneDriveCommercial", "OneDriveConsumer"} {
		t.Setenv(v, "")
	}
	root := t.TempDir()
	if w := PlaceWarning(filepath.Join(root, "Panel", "permanence.db")); w != "" {
		t.Errorf("an ordinary folder is warned about: %s", w)
	}
	path := filepath.Join(root, "Dropbox", "Panel", "permanence.db")
	w := PlaceWarning(path)
	def, _ := DefaultPath()
	for _, want := range []string{path, "in a folder that Dropbox syncs (" + filepath.Join(root, "Dropbox") + ")", "write-ahead log",
		def, "permanence backup --db \"" + path + "\" --out COPY.db", "permanence restore COPY.db"} {
		if !strings.Contains(w, want) {
			t.Errorf("the warning does not say %q:\n%s", want, w)
		}
	}
}
