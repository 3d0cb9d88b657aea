package app

import (
	"context"
	"permanence/data/store"
)

// warnStorePlace tells the user, in a dialog once the window is up, when
// the store is on a network drive or share or in a folder a sync client
// copies (OneDrive, Dropbox, …), where SQLite's write-ahead log can be
// damaged (store.PlaceWarning says why and what to do). The check asks
// the system about the drive, so it runs off the UI goroutine. It must be
// called on the UI goroutine.
func (u *ui) warnStorePlace(path string) {
	run(u.bridge, func(context.Context) (string, error) { return store.PlaceWarning(path), nil },
		func(msg string, _ error) {
			if msg != "" {
				u.showNotice("The store is in a risky place", capitalise(msg))
			}
		})
}
