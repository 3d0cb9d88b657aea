package app

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// What the panel types is saved as it is typed (panel.md, "Integrity"):
// there is no Save button. An autosaver saves a form a moment after the
// last change, at once when the form is left (another child, another
// screen, the window closed), off the UI goroutine through the bridge,
// and says how it went: "Saving…", "Saved 10:42:05", "Not saved: why".

// saveJob is one save: work runs off the UI goroutine; saved, when set,
// runs on it once work has succeeded.
type saveJob struct {
	work  func(ctx context.Context) error
	saved func()
}

// autosaver saves one form.
type autosaver struct {
	s *panelScreen
	// build reads the form (on the UI goroutine) and returns the save to
	// make, nil when nothing in it can be saved, and the problems that
	// keep part of it (or all of it) from being saved.
	build func() (*saveJob, []string)
	show  func(*autosaver) // shows the indicator
	label string           // names the form in a warning: "the meeting's details"

	gen      int // changes and flushes since the last timer was set
	dirty    bool
	saving   bool
	again    bool // changed while saving: save again when done
	waiters  []func()
	err      error
	problems []string
	savedAt  time.Time
}

func newAutosaver(s *panelScreen, build func() (*saveJob, []string), show func(*autosaver)) *autosaver {
	return &autosaver{s: s, build: build, show: show}
}

// changed is told of every change: the form is saved after a pause.
func (a *autosaver) changed() {
	a.dirty = true
	a.gen++
	g := a.gen
	a.s.u.bridge.after(a.s.autosaveDelay, func() {
		if g == a.gen {
			a.flush(nil)
		}
	})
	a.report()
}

// flush saves now what has changed, then calls then (when not nil) on
// the UI goroutine, saved or not.
func (a *autosaver) flush(then func()) {
	if then != nil {
		a.waiters = append(a.waiters, then)
	}
	if a.saving {
		a.again = a.again || a.dirty
		return
	}
	if !a.dirty {
		a.finish()
		return
	}
	a.gen++ // a timer still running has nothing left to do
	a.dirty = false
	job, problems := a.build()
	a.problems = problems
	if job == nil {
		a.err = nil
		a.report()
		a.finish()
		return
	}
	a.saving = true
	a.report()
	run(a.s.u.bridge, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, job.work(ctx)
	}, func(_ struct{}, err error) {
		a.saving = false
		a.err = err
		if err != nil {
			a.dirty = true // tried again on the next change, or when the form is left
		} else {
			a.savedAt = time.Now()
			if job.saved != nil {
				job.saved()
			}
		}
		if a.again {
			a.again = false
			a.dirty = true
			a.flush(nil)
			return
		}
		a.report()
		a.finish()
	})
}

func (a *autosaver) finish() {
	ws := a.waiters
	a.waiters = nil
	for _, f := range ws {
		f()
	}
}

func (a *autosaver) report() {
	if a.show != nil {
		a.show(a)
	}
}

// state is the indicator's words and colour.
func (a *autosaver) state() (string, widget.Importance) {
	switch {
	case a.saving:
		return "Saving…", widget.LowImportance
	case a.err != nil:
		return "Not saved: " + a.err.Error(), widget.DangerImportance
	case a.dirty:
		return "Saving shortly…", widget.LowImportance
	case len(a.problems) > 0 && a.savedAt.IsZero():
		return "Not saved: correct what is marked in red", widget.DangerImportance
	case len(a.problems) > 0:
		return "Saved " + a.savedAt.Format("15:04:05") + ", except what is marked in red", widget.WarningImportance
	case !a.savedAt.IsZero():
		return "Saved " + a.savedAt.Format("15:04:05"), widget.SuccessImportance
	}
	return "", widget.LowImportance
}

// unsaved says what of the form could not be saved ("" when all was).
func (a *autosaver) unsaved() string {
	switch {
	case a.err != nil:
		return a.label + ": " + a.err.Error()
	case len(a.problems) > 0:
		return a.label + ": " + strings.Join(a.problems, "; ")
	}
	return ""
}

// indicate shows a saver's state on a label.
func indicate(l *widget.Label, a *autosaver) {
	text, imp := a.state()
	l.Importance = imp
	l.SetText(text)
}

// savers are every form of the open meeting.
func (s *panelScreen) savers() []*autosaver {
	var out []*autosaver
	if b := s.builder; b != nil {
		out = append(out, b.details.saver)
	}
	if r := s.room; r != nil {
		if r.details != nil {
			out = append(out, r.details.saver)
		}
		for _, id := range r.order {
			if f := r.forms[id]; f != nil {
				out = append(out, f.saver)
			}
		}
	}
	return out
}

// flushAll saves every form of the open meeting now.
func (s *panelScreen) flushAll() {
	for _, a := range s.savers() {
		a.flush(nil)
	}
}

// settle saves every form of the open meeting and, once every save has
// finished, calls then with what could not be saved, a sentence each.
func (s *panelScreen) settle(then func(unsaved []string)) {
	all := s.savers()
	left := len(all)
	if left == 0 {
		then(nil)
		return
	}
	done := func() {
		left--
		if left > 0 {
			return
		}
		var unsaved []string
		for _, a := range all {
			if u := a.unsaved(); u != "" {
				unsaved = append(unsaved, u)
			}
		}
		then(unsaved)
	}
	for _, a := range all {
		a.flush(done)
	}
}

// beforeClosing saves what was typed, then closes (the window, or the
// app); when something could not be saved it asks first.
func (s *panelScreen) beforeClosing(closeNow func()) {
	s.settle(func(unsaved []string) {
		if len(unsaved) == 0 {
			closeNow()
			return
		}
		dialog.NewConfirm("Close without saving everything?",
			"Some of what was typed could not be saved:\n\n"+strings.Join(unsaved, "\n")+
				"\n\nClose anyway and lose it, or stay to correct it?",
			func(ok bool) {
				if ok {
					closeNow()
				}
			}, s.u.win).Show()
	})
}
