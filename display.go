//go:build !ci && (linux || freebsd || openbsd || netbsd)

package main

import (
	"errors"
	"os"
)

// checkDisplay says, before Fyne's driver starts, when there is no graphical
// session to open the window on (the driver would otherwise stop with a
// stack trace).
func checkDisplay() error {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("no display found: the desktop app needs a graphical session (DISPLAY or WAYLAND_DISPLAY is not set). " +
			"The command line works without one: run 'permanence help'")
	}
	return nil
}
