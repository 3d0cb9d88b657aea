package app

import (
	"context"
	"errors"
	"fmt"

	"permanence/data"
	"permanence/data/panel"

	"fyne.io/fyne/v2/widget"
)

// errChangedElsewhere is a change to an item that is no longer in its
// record as the list showed it (changed by someone else since).
var errChangedElsewhere = errors.New("the record has changed since the list was read (someone else may have changed it): the list is read again; look at the item and try again")

// recordChange is a change the Actions or Escalations screen makes to the
// record an item belongs to: child's record at meeting, worked out from the
// record as stored now. patch is given the current record and returns the
// keys to change; why is the reason an amendment to a closed meeting's
// record gives.
type recordChange struct {
	meeting data.Meeting
	child   string
	patch   func(rec *data.PanelRecord) (data.RecordPatch, error)
	why     string
}

// saveRecordChange stores the change off the UI goroutine, through the
// panel service, as a new version of the record: saved for a held meeting,
// an amendment with its reason for a closed one, through the same checks
// as any record. Then, on the UI goroutine, every figure is worked out again
// (drift and agenda read the records) and done is told.
func (u *ui) saveRecordChange(ch recordChange, done func(saved bool, err error)) {
	svc := panel.New(u.store, u.figs)
	file := fmt.Sprintf("the record of child %s at meeting %d", ch.child, ch.meeting.ID)
	run(u.bridge, func(ctx context.Context) (bool, error) {
		st := svc.Store()
		m, err := st.Meeting(ctx, ch.meeting.ID)
		if err != nil {
			return false, err
		}
		rec, found, err := st.Record(ctx, m.ID, ch.child)
		if err != nil {
			return false, err
		}
		if !found {
			return false, errChangedElsewhere
		}
		p, err := ch.patch(&rec)
		if err != nil {
			return false, err
		}
		if m.Status == data.MeetingClosed {
			return svc.Amend(ctx, m.ID, ch.child, file, p, "", ch.why)
		}
		// The service's checks apply here as in the meeting; a meeting
		// still planned that somehow holds records is held by it.
		return svc.Save(ctx, m.ID, ch.child, file, p, "")
	}, func(saved bool, err error) {
		if err == nil {
			u.figs.Invalidate()
			u.reloadStore()
		}
		done(saved, err)
	})
}

// loadedItems are the items a panel list shows, with the children behind
// them.
type loadedItems[T any] struct {
	items    []T
	children panelChildren
}

// loadPanelItems reads every panel record off the UI goroutine, picks the
// items a screen lists (data.Actions, data.Escalations) and gives them, with
// the children of snap, to done on the UI goroutine, unless a newer load
// has begun since (*seq counts them).
func loadPanelItems[T any](u *ui, seq *int, snap *snapshot, pick func([]data.MeetingRecord) []T, done func([]T, panelChildren)) {
	*seq++
	mine, st := *seq, u.store
	run(u.bridge, func(ctx context.Context) (loadedItems[T], error) {
		recs, err := st.AllRecords(ctx)
		if err != nil {
			return loadedItems[T]{}, err
		}
		return loadedItems[T]{pick(recs), childrenOf(snap)}, nil
	}, func(l loadedItems[T], err error) {
		if mine != *seq {
			return
		}
		if err != nil {
			u.showError(err)
			return
		}
		done(l.items, l.children)
	})
}

// enableIf enables b when on holds, and disables it otherwise.
func enableIf(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}
