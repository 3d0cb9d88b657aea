package store

import (
	"errors"
	"os"
	"path/filepath"
)

// appDataDir is the folder of the app's own store on Windows:
// %LOCALAPPDATA%\permanence, not the roaming %APPDATA% that
// os.UserConfigDir gives. A roaming profile copies AppData\Roaming to a
// server at sign-out and back at sign-in (a store of hundreds of megabytes,
// with its -wal and -shm files, copied while half-written or from another
// computer), and OneDrive's folder backup can sync it; AppData\Local stays
// on this computer. A store an earlier build made in %APPDATA%\permanence
// (none was released for Windows, so there should be none) is moved here
// the first time, when nothing is here yet.
func appDataDir() (string, error) {
	local := os.Getenv("LOCALAPPDATA")
	if local == "" || !filepath.IsAbs(local) {
		return "", errors.New("%LOCALAPPDATA% is not set: the app cannot find your local application data folder; give a store with --db")
	}
	legacy := ""
	if roaming, err := os.UserConfigDir(); err == nil {
		legacy = filepath.Join(roaming, storeFolder)
	}
	return settleStoreDir(filepath.Join(local, storeFolder), legacy), nil
}
