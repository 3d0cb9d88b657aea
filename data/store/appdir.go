package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"permanence/data/platform"
)

// storeFolder is the name of the app's folder under the user's data folder.
const storeFolder = "permanence"

// settleStoreDir returns the folder the default store lives in: dir, after
// moving legacy there when dir does not exist yet and legacy holds a store
// (permanence.db). The whole folder moves in one rename — the store, its
// -wal and -shm files, demo.db and backups/ — so nothing is copied and
// nothing is left half-moved. When the rename fails (the store is open in
// another permanence, or legacy is on another drive, as a redirected
// roaming profile is), legacy stays in use, as it was.
func settleStoreDir(dir, legacy string) string {
	if legacy == "" || dir == legacy {
		return dir
	}
	if _, err := os.Lstat(dir); !errors.Is(err, os.ErrNotExist) {
		return dir
	}
	if st, err := os.Stat(filepath.Join(legacy, "permanence.db")); err != nil || !st.Mode().IsRegular() {
		return dir
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return legacy
	}
	if err := renameFolder(legacy, dir); err != nil {
		return legacy
	}
	return dir
}

// renameFolder is os.Rename; tests make it fail.
var renameFolder = os.Rename

// PlaceWarning says, in a sentence or two for a person, when the store at
// path is on a network drive or share, or in a folder a sync client copies
// (OneDrive, Dropbox, …), and what to do; "" when it is not. The store is an
// SQLite database in WAL mode: its -wal and -shm files must stay beside it
// on this computer's own disk, and a sync client or a file server can copy
// it half-written, lock it, or let two computers write it at once.
func PlaceWarning(path string) string {
	why := platform.RiskyPlace(path)
	if why == "" {
		return ""
	}
	msg := fmt.Sprintf("the store %s is %s. The store is an SQLite database whose write-ahead log (the -wal and -shm files beside it) "+
		"must stay on this computer's own disk: a sync client or a file server can copy it half-written, lock it, "+
		"or let two computers write it at once, and damage it.", path, why)
	if def, err := DefaultPath(); err == nil && def != path {
		msg += fmt.Sprintf(" Keep it on this computer: the app's own store is %s (used when --db is left out); "+
			"to move this one there, run 'permanence backup --db \"%s\" --out COPY.db', then 'permanence restore COPY.db'.", def, path)
	}
	return msg
}
