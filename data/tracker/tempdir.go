package tracker

import (
	"os"
	"path/filepath"
)

// tempRoot is the app's own folder for temporary files, under the user's
// cache folder (readable by the user alone, never a folder shared with
// other users). A variable, so that tests can move it.
var tempRoot = func() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "permanence", "tmp"), nil
}

// importTempDir makes a folder of the app's own, readable by the user
// alone, for whatever temporary files excelize writes while a workbook is
// read: none with the bounds openWorkbook sets, but a sheet or its texts,
// names and dates of birth included, if it ever did. It first removes
// what earlier imports left in the app's folder (an import killed part
// way through cannot remove its own), and returns the folder with the
// function that removes it. When the app's folder cannot be made, it uses
// a private folder in the system's temporary folder.
func importTempDir() (string, func()) {
	root, err := tempRoot()
	if err == nil {
		err = os.MkdirAll(root, 0o700)
	}
	if err == nil {
		err = os.Chmod(root, 0o700)
	}
	if err != nil {
		root = ""
	} else {
		removeLeftovers(root)
	}
	dir, err := os.MkdirTemp(root, "import-") // 0700
	if err != nil {
		return "", func() {}
	}
	return dir, func() { os.RemoveAll(dir) }
}

// removeLeftovers removes everything in the folder root.
func removeLeftovers(root string) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		os.RemoveAll(filepath.Join(root, e.Name()))
	}
}
