//go:build !linux && !windows

package platform

// remoteVolume: elsewhere only the path itself is read (SyncedOrNetwork).
func remoteVolume(string) string { return "" }
