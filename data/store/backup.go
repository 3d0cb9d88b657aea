package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// maxMigrationBackups is how many backups made before migrations are kept
// for each store; older ones are removed.
const maxMigrationBackups = 10

// backupTimeLayout is the UTC time in a backup's name.
const backupTimeLayout = "20060102T150405"

// now is the clock backups are named by (tests set it).
var now = time.Now

// backupDir is the backups folder beside the store at path.
func backupDir(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

// backupBeforeMigration writes a complete, consistent copy of the store
// (VACUUM INTO), still at schema version, to the backups folder beside it
// (0700) as STORE-schemaN-YYYYMMDDTHHMMSS.db, 0600, where STORE is the
// store's file name without its extension and the time is UTC (with -2,
// -3... added should that name be taken). It then keeps only the newest
// maxMigrationBackups such copies of this store. It returns the copy's path.
func (s *Store) backupBeforeMigration(version int) (string, error) {
	dir := backupDir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create the backups folder: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", fmt.Errorf("protect the backups folder: %w", err)
	}
	stem := storeStem(s.path)
	path, err := createEmpty(dir, fmt.Sprintf("%s-schema%d-%s", stem, version, now().UTC().Format(backupTimeLayout)))
	if err != nil {
		return "", fmt.Errorf("create a backup file in %s: %w", dir, err)
	}
	if err := s.vacuumInto(path); err != nil {
		os.Remove(path)
		return "", fmt.Errorf("write the backup %s: %w", path, err)
	}
	// Best effort from here: a backup that could not sync its folder (not
	// possible everywhere) or prune old ones is still a good backup.
	_ = syncDir(dir)
	_ = pruneMigrationBackups(dir, stem, maxMigrationBackups)
	return path, nil
}

// vacuumInto writes a consistent copy of the database into path (an empty
// file), makes sure it is 0600 and flushes it to disk: SQLite does not sync
// the file VACUUM INTO writes.
func (s *Store) vacuumInto(path string) error {
	if _, err := s.db.Exec("VACUUM INTO ?", path); err != nil {
		return err
	}
	if err := os.Chmod(path, 0o600); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a folder's entries (a new file's name) to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// storeStem is the store's file name without its extension.
func storeStem(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// createEmpty creates dir/name.db (or name-2.db, name-3.db... if it
// exists) empty, 0600, and returns its path.
func createEmpty(dir, name string) (string, error) {
	for i := 1; i < 100; i++ {
		path := filepath.Join(dir, name+".db")
		if i > 1 {
			path = filepath.Join(dir, name+"-"+strconv.Itoa(i)+".db")
		}
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		return path, f.Close()
	}
	return "", fmt.Errorf("too many backups named %s", name)
}

// pruneMigrationBackups removes all but the newest keep migration backups
// of the store named stem from dir (newest by the time in the name; other
// files are left alone).
func pruneMigrationBackups(dir, stem string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	re := regexp.MustCompile(`^` + regexp.QuoteMeta(stem) + `-schema[0-9]+-([0-9]{8}T[0-9]{6})(?:-([0-9]+))?\.db$`)
	type backup struct {
		name, stamp string
		seq         int
	}
	var found []backup
	for _, e := range entries {
		m := re.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		seq, _ := strconv.Atoi(m[2]) // "" (the first of its second) is 0
		found = append(found, backup{e.Name(), m[1], seq})
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].stamp != found[j].stamp {
			return found[i].stamp > found[j].stamp
		}
		return found[i].seq > found[j].seq
	})
	var errs []error
	for i := keep; i < len(found); i++ {
		errs = append(errs, os.Remove(filepath.Join(dir, found[i].name)))
	}
	return errors.Join(errs...)
}
