package app

import (
	"context"
	"time"

	"permanence/data"
	"permanence/data/figures"
	"permanence/data/store"
)

// storePollInterval is how often the app looks for changes that another
// program (the command line's monthly import, say) made to the store.
const storePollInterval = 3 * time.Second

// watchStore looks for other programs' changes to the store, and shows the
// new figures when there are some, until the returned stop is called (when
// the window closes, before the store does).
func (u *ui) watchStore() (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(storePollInterval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if u.storeChangedElsewhere(context.Background()) {
					u.bridge.ui(u.reloadStore)
				}
			}
		}
	}()
	return func() { close(done) }
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

// switchStore opens the store at path and shows it in place of the current
// one (from the demo authority to the user's own). The old store stays open
// for work still under way, and closes when the app does.
func (u *ui) switchStore(path string) error {
	s, err := store.Open(path)
	if err != nil {
		return err
	}
	u.store, u.figs = s, figures.New(s)
	u.settings.store = s
	u.opts.Demo = false
	u.view.asAt = data.NoDate
	u.versionMu.Lock()
	u.dataVersion = 0
	u.versionMu.Unlock()
	u.reloadStore()
	return nil
}
