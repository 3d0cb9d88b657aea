//go:build !windows

package platform

// AttachConsole: only the windowed Windows build lacks a console.
func AttachConsole() {}
