package platform

import (
	"path/filepath"
	"syscall"
)

// networkFS are the file systems, by statfs magic number, that hold files
// on another computer.
var networkFS = map[uint32]string{
	0x6969:     "NFS",
	0x517B:     "SMB",
	0xFF534D42: "CIFS",
	0xFE534D42: "SMB2",
	0x5346414F: "AFS",
	0x73757245: "Coda",
	0x564C:     "NCP",
	0x47504653: "GPFS",
	0x0BD00BD0: "Lustre",
	0x00C36400: "CephFS",
}

// remoteVolume says when the file system holding abs (or the nearest
// folder above it that exists) is a network one.
func remoteVolume(abs string) string {
	for p := abs; ; p = filepath.Dir(p) {
		var st syscall.Statfs_t
		if err := syscall.Statfs(p, &st); err == nil {
			if name, ok := networkFS[uint32(st.Type)]; ok {
				return "on a network file system (" + name + ")"
			}
			return ""
		}
		if filepath.Dir(p) == p {
			return ""
		}
	}
}
