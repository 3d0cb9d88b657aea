package store

import (
	"os"
	"path/filepath"
)

// IsStoreFile reports whether path names the store's own file or one of
// SQLite's files beside it (-wal, -shm, -journal): writing there would
// destroy the store, so exports refuse it.
func (s *Store) IsStoreFile(path string) bool {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if samePath(path, s.path+suffix) {
			return true
		}
	}
	return false
}

// samePath reports whether a and b name the same file: the same file on
// disk when both exist (links and case-insensitive folders included), else
// the same absolute, cleaned path.
func samePath(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}
