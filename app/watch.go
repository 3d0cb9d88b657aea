package app

import (
	"context"
	"time"

	"permanence/data"
)

// storePollInterval is how often the app looks for changes that another
// program (the command line's monthly import, say) made to the store.
const storePollInterval = 3 * time.Second

// watchStore looks for other programs' changes to the store until the app
// quits, and shows the new figures when there are some.
func (u *ui) watchStore() {
	go func() {
		t := time.NewTicker(storePollInterval)
		defer t.Stop()
		for range t.C {
			if u.storeChangedElsewhere(context.Background()) {
				u.bridge.ui(u.reloadStore)
			}
		}
	}()
}

// storeChangedElsewhere reports whether another program has committed a
// change to the store since it was last asked (off the UI goroutine).
func (u *ui) storeChangedElsewhere(ctx context.Context) bool {
	v, err := u.store.DataVersion(ctx)
	if err != nil {
		return false
	}
	u.versionMu.Lock()
	defer u.versionMu.Unlock()
	changed := u.dataVersion != 0 && v != u.dataVersion
	u.dataVersion = v
	return changed
}

// reloadStore forgets every cached state and shows the store as it is now:
// on the latest extract if the dashboard was on the latest before.
func (u *ui) reloadStore() {
	u.figs.Invalidate()
	onLatest := len(u.extracts) == 0 || u.view.asAt == u.extracts[len(u.extracts)-1].Date
	u.loadExtracts(func(xs []data.Extract, err error) {
		switch {
		case err != nil:
			u.showError(err)
		case len(xs) == 0:
		case u.win.Content() != u.dashboard && !u.present.active():
			u.openDashboard()
		default:
			if onLatest { // a date chosen by hand is kept
				u.view.asAt = xs[len(xs)-1].Date
			}
			u.reloadDates()
			u.recompute()
		}
	})
}
