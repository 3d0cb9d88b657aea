package platform

import (
	"path/filepath"
	"syscall"
	"unsafe"
)

var procGetDriveTypeW = syscall.NewLazyDLL("kernel32.dll").NewProc("GetDriveTypeW")

// driveRemote is GetDriveType's answer for a network drive.
const driveRemote = 4

// remoteVolume says when abs is on a mapped network drive (net use, or a
// drive mapped by the authority's logon script): GetDriveType says
// DRIVE_REMOTE for its root. UNC paths are SyncedOrNetwork's.
func remoteVolume(abs string) string {
	vol := filepath.VolumeName(abs)
	if len(vol) != 2 || vol[1] != ':' {
		return ""
	}
	root, err := syscall.UTF16PtrFromString(vol + `\`)
	if err != nil {
		return ""
	}
	if t, _, _ := procGetDriveTypeW.Call(uintptr(unsafe.Pointer(root))); t == driveRemote {
		return "on a network drive (" + vol + ")"
	}
	return ""
}
