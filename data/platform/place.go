package platform

import (
	"os"
	"path/filepath"
	"strings"
)

// RiskyPlace says why a database file at path may be copied, locked or
// opened by two computers behind SQLite's back — "on a network share
// (\\server\share)", "in a folder that OneDrive syncs (C:\Users\ann\OneDrive)" — or
// returns "" when it is on this computer's own disk as far as can be told.
// It makes path absolute, reads Windows paths with SyncedOrNetwork, then
// asks the system whether the path's drive (Windows) or file system (Linux)
// is a network one.
func RiskyPlace(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	if why := SyncedOrNetwork(abs, os.Getenv); why != "" {
		return why
	}
	return remoteVolume(abs)
}

// oneDriveVars are the environment variables the OneDrive client sets to
// its folders (personal and work or school accounts).
var oneDriveVars = []string{"OneDrive", "OneDriveCommercial", "OneDriveConsumer"}

// SyncedOrNetwork is RiskyPlace's reading of the path itself: a UNC path
// (\\server\share\..., also as \\?\UNC\server\share\...), a path under a
// OneDrive folder named by the environment (%OneDrive%,
// %OneDriveCommercial%, %OneDriveConsumer%), or a path through a folder a
// sync client makes (Dropbox, "Dropbox (Team)", OneDrive, "OneDrive -
// Council", Google Drive, "My Drive", iCloud Drive). Both '\' and '/'
// separate folders and names are compared in any case, as on Windows, so
// that it reads Windows paths on every system; getenv is os.Getenv or a
// test's environment.
func SyncedOrNetwork(path string, getenv func(string) string) string {
	p := strings.ReplaceAll(path, "/", `\`)
	// The long-path (\\?\) and device (\\.\) prefixes: \\?\UNC\server\share
	// is a share, \\?\C:\ a drive.
	if hasPrefixFold(p, `\\?\UNC\`) {
		return network(`\\` + p[len(`\\?\UNC\`):])
	}
	if strings.HasPrefix(p, `\\?\`) || strings.HasPrefix(p, `\\.\`) {
		p, path = p[4:], path[4:]
	}
	if strings.HasPrefix(p, `\\`) {
		return network(p)
	}
	for _, v := range oneDriveVars {
		if dir := getenv(v); dir != "" && under(p, dir) {
			return "in a folder that OneDrive syncs (" + dir + ")"
		}
	}
	parts := strings.Split(p, `\`)
	for i, name := range parts[:len(parts)-1] {
		if client := syncClient(name); client != "" {
			// The folder as the path spells it: p is path with '/' as '\'.
			end := len(strings.Join(parts[:i+1], `\`))
			return "in a folder that " + client + " syncs (" + path[:end] + ")"
		}
	}
	return ""
}

// network names the share of a UNC path \\server\share\...
func network(unc string) string {
	parts := strings.SplitN(strings.TrimPrefix(unc, `\\`), `\`, 3)
	share := `\\` + parts[0]
	if len(parts) > 1 {
		share += `\` + parts[1]
	}
	return "on a network share (" + share + ")"
}

// syncClient names the sync client whose folder is called name, or "".
func syncClient(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	switch {
	case n == "dropbox", strings.HasPrefix(n, "dropbox ("):
		return "Dropbox"
	case n == "onedrive", strings.HasPrefix(n, "onedrive - "):
		return "OneDrive"
	case n == "google drive", n == "googledrive", n == "my drive":
		return "Google Drive"
	case n == "icloud drive", n == "iclouddrive":
		return "iCloud Drive"
	}
	return ""
}

// under reports whether path p ('\'-separated) is dir or inside it, in any
// case.
func under(p, dir string) bool {
	d := strings.TrimRight(strings.ReplaceAll(dir, "/", `\`), `\`)
	if d == "" {
		return false
	}
	return strings.EqualFold(p, d) || hasPrefixFold(p, d+`\`)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
