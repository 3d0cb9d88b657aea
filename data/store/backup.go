package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"permanence/data"
)

// A backup is a complete, consistent copy of the store (VACUUM INTO, never
// a copy of the file of a live database) in the backups folder beside it
// (0700), named STORE-REASON-YYYYMMDDTHHMMSS.db (0600), where STORE is the
// store's file name without its extension, the time is UTC, and -2, -3...
// follow the time should that name be taken. The reasons, and how many of
// each are kept for each store (older ones are removed):
const (
	reasonMigration = "schema" // schemaN: before a migration from schema N
	reasonImport    = "import" // before an import
	reasonDaily     = "daily"  // the first time the app opens the store on a day (UTC)
	reasonRestore   = "restore"
)

// keepBackups is how many backups of each reason are kept for a store.
var keepBackups = map[string]int{reasonMigration: 10, reasonImport: 10, reasonDaily: 7, reasonRestore: 5}

// backupTimeLayout is the UTC time in a backup's name.
const backupTimeLayout = "20060102T150405"

// now is the clock backups are named by, and records stamped with (tests
// set it).
var now = time.Now

// backupDir is the backups folder beside the store at path.
func backupDir(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

// backupBeforeMigration writes a backup of the store, still at schema
// version, as STORE-schemaN-TIME.db, from the store's own connection (Open
// runs it before any migration) and returns its path.
func (s *Store) backupBeforeMigration(version int) (string, error) {
	return writeBackup(s.path, reasonMigration+strconv.Itoa(version), reasonMigration, func(dest string) error {
		return vacuumInto(context.Background(), s.db, dest)
	})
}

// BackupBeforeImport writes a backup of the store (reason "import") and
// returns its path; SaveExtracts calls it before its transaction, and an
// import is refused when it fails. A store with nothing in it (no extract,
// meeting or setting) has nothing to protect: no backup is made and the
// path is "". The copy is read through a connection of its own, so reads
// and writes of the store go on meanwhile.
func (s *Store) BackupBeforeImport(ctx context.Context) (string, error) {
	has, err := s.hasContent(ctx)
	if err != nil || !has {
		return "", err
	}
	return s.backupNow(ctx, reasonImport)
}

// DailyBackup writes a backup of the store (reason "daily") unless one
// dated today (UTC, by its name) exists or the store is empty, and
// returns its path ("" when none was made). The app calls it when it
// opens the store, on a goroutine of its own: the copy is read through a
// connection of its own, so reads and writes go on meanwhile, and two
// calls at once make one backup.
func (s *Store) DailyBackup(ctx context.Context) (string, error) {
	s.dailyMu.Lock()
	defer s.dailyMu.Unlock()
	done, err := dailyBackupMade(backupDir(s.path), storeStem(s.path), now().UTC())
	if err != nil || done {
		return "", err
	}
	has, err := s.hasContent(ctx)
	if err != nil || !has {
		return "", err
	}
	return s.backupNow(ctx, reasonDaily)
}

// backupNow writes a backup of the store for reason through a read-only
// connection of its own.
func (s *Store) backupNow(ctx context.Context, reason string) (string, error) {
	path, err := writeBackup(s.path, reason, reason, func(dest string) error { return vacuumFile(ctx, s.path, dest) })
	return path, explain(s.path, err)
}

// hasContent reports whether the store holds anything: an extract, a
// panel meeting or a setting.
func (s *Store) hasContent(ctx context.Context) (bool, error) {
	var has bool
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM extracts) OR EXISTS (SELECT 1 FROM panel_meetings)
		OR EXISTS (SELECT 1 FROM settings)`).Scan(&has)
	return has, explain(s.path, err)
}

// importNeedsBackup reports whether an import of xs can change what the
// store holds that is worth a backup: not when every extract is the demo
// authority's (a demo store holds nothing real), nor when every extract's
// bytes are stored already (nothing will be written).
func (s *Store) importNeedsBackup(ctx context.Context, xs []*data.ExtractData) (bool, error) {
	for _, x := range xs {
		if x.Kind == data.KindDemo {
			continue
		}
		var known bool
		if err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM extracts WHERE sha256 = ?)", x.SHA256).Scan(&known); err != nil {
			return false, explain(s.path, err)
		}
		if !known {
			return true, nil
		}
	}
	return false, nil
}

// Backup writes a complete, consistent copy of the store to out (0600),
// for `permanence backup --out FILE`. It never overwrites: an existing out
// is refused, and so is one of the store's own files. The copy is written
// to a temporary file in out's folder and renamed into place only when
// complete, so that out is a whole backup or nothing.
func (s *Store) Backup(ctx context.Context, out string) error {
	if s.IsStoreFile(out) {
		return fmt.Errorf("%s is the store itself: name another file for the backup", out)
	}
	if _, err := os.Lstat(out); err == nil {
		return fmt.Errorf("%s already exists: a backup never overwrites a file, so name a new one", out)
	}
	dir := filepath.Dir(out)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("cannot write the backup %s: the folder %s does not exist", out, dir)
	}
	tmp, err := os.CreateTemp(dir, ".permanence-backup-*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write the backup in %s: %w", dir, reason(err))
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	if err := vacuumFile(ctx, s.path, tmp.Name()); err != nil {
		return explain(s.path, fmt.Errorf("write the backup %s: %w", out, err))
	}
	if err := placeNew(tmp.Name(), out); errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s already exists: a backup never overwrites a file, so name a new one", out)
	} else if err != nil {
		return fmt.Errorf("write the backup %s: %w", out, err)
	}
	_ = syncDir(dir)
	return nil
}

// writeBackup writes a backup of the store at path, named by label (the
// reason, or schemaN), with snapshot (which writes a consistent copy into
// an empty file), into the backups folder, then keeps only the newest of
// reason. The copy is made under a temporary name and then given its
// backup name, so that a backup's name always holds a whole backup.
func writeBackup(path, label, reason string, snapshot func(dest string) error) (string, error) {
	dir := backupDir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create the backups folder: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", fmt.Errorf("protect the backups folder: %w", err)
	}
	stem := storeStem(path)
	tmp, err := os.CreateTemp(dir, "."+stem+"-"+label+"-*.tmp")
	if err != nil {
		return "", fmt.Errorf("create a backup file in %s: %w", dir, err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	name := fmt.Sprintf("%s-%s-%s", stem, label, now().UTC().Format(backupTimeLayout))
	if err := snapshot(tmp.Name()); err != nil {
		return "", fmt.Errorf("write the backup %s: %w", filepath.Join(dir, name+".db"), err)
	}
	backup, err := placeNumbered(tmp.Name(), dir, name)
	if err != nil {
		return "", fmt.Errorf("write the backup %s: %w", filepath.Join(dir, name+".db"), err)
	}
	// Best effort from here: a backup that could not sync its folder (not
	// possible everywhere) or prune old ones is still a good backup.
	_ = syncDir(dir)
	_ = pruneBackups(dir, stem, reason, keepBackups[reason])
	removeStaleTemps(dir, stem)
	return backup, nil
}

// removeStaleTemps removes the temporary files of backups of the store
// named stem that a crash left in dir more than a day ago (a younger one
// may be another backup being written).
func removeStaleTemps(dir, stem string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(n, "."+stem+"-") || !strings.HasSuffix(n, ".tmp") {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
			os.Remove(filepath.Join(dir, n))
		}
	}
}

// vacuumInto writes a consistent copy of the database db into dest (an
// empty file), makes sure it is 0600 and flushes it to disk: SQLite does
// not sync the file VACUUM INTO writes.
func vacuumInto(ctx context.Context, db *sql.DB, dest string) error {
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return err
	}
	if err := os.Chmod(dest, 0o600); err != nil {
		return err
	}
	return syncFile(dest)
}

// vacuumFile writes a consistent copy of the SQLite database at src into
// dest (an empty file), through a read-only connection of its own: in WAL
// mode it reads a snapshot while others read and write.
func vacuumFile(ctx context.Context, src, dest string) error {
	dsn, err := storeDSN(src, true)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	return vacuumInto(ctx, db, dest)
}

// syncFile flushes a file's contents to disk.
func syncFile(path string) error {
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

// placeNew gives the file tmp the name path, which must not exist
// (os.ErrExist): a hard link where the file system has them (it cannot
// replace a file), else a rename after checking. tmp is left for the
// caller to remove.
func placeNew(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil || errors.Is(err, os.ErrExist) {
		return err
	}
	if _, serr := os.Lstat(path); serr == nil {
		return os.ErrExist
	}
	return os.Rename(tmp, path)
}

// placeNumbered gives tmp the name dir/name.db, or name-2.db, name-3.db...
// when taken, and returns it.
func placeNumbered(tmp, dir, name string) (string, error) {
	for i := 1; i < 100; i++ {
		path := filepath.Join(dir, name+".db")
		if i > 1 {
			path = filepath.Join(dir, name+"-"+strconv.Itoa(i)+".db")
		}
		err := placeNew(tmp, path)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		return path, err
	}
	return "", fmt.Errorf("too many backups named %s", name)
}

// backupName matches the backups of reason of the store named stem:
// submatch 1 is the time, 2 the number after it ("" for the first).
func backupName(stem, reason string) *regexp.Regexp {
	pat := regexp.QuoteMeta(reason)
	if reason == reasonMigration {
		pat += "[0-9]+"
	}
	return regexp.MustCompile(`^` + regexp.QuoteMeta(stem) + `-` + pat + `-([0-9]{8}T[0-9]{6})(?:-([0-9]+))?\.db$`)
}

// dailyBackupMade reports whether dir holds a daily backup of the store
// named stem, not empty, made on day's UTC date.
func dailyBackupMade(dir, stem string, day time.Time) (bool, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	re, today := backupName(stem, reasonDaily), day.UTC().Format("20060102")
	for _, e := range entries {
		m := re.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() || !strings.HasPrefix(m[1], today) {
			continue
		}
		if info, err := e.Info(); err == nil && info.Size() > 0 {
			return true, nil
		}
	}
	return false, nil
}

// pruneBackups removes all but the newest keep backups of reason of the
// store named stem from dir (newest by the time in the name; other stores'
// backups, other reasons' and other files are left alone).
func pruneBackups(dir, stem, reason string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	re := backupName(stem, reason)
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
