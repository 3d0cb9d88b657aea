package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
)

// A closed meeting's records are final: a change is an amendment, with a
// reason, and every version of a record is kept (panel.md, "Integrity").
// This file asks for the reason and shows a record's history.

// askAmend asks why the record of the child on screen is to be changed,
// then lets it be edited, each change saved as an amendment.
func (r *meetingRoom) askAmend() {
	f := r.form()
	if f == nil {
		return
	}
	why := newFormEntry(true, "Why the record is changed after the meeting closed")
	why.setRows(3)
	problem := problemLabel()
	content := container.NewVBox(
		wrapLabel("The meeting is closed: its records are final. A change is kept as a new version of the record, "+
			"with who made it, when and why; the earlier versions stay in its history."),
		why, problem)
	d := dialog.NewCustomWithoutButtons("Amend the record of "+lineLabel(r.lines[f.child], r.s.u.hideNames), content, r.s.u.win)
	ok := widget.NewButton("Amend", func() {
		text := strings.TrimSpace(why.Text)
		if text == "" {
			setProblem(problem, "Say why the record is changed: the reason is kept with the change.")
			return
		}
		d.Hide()
		f.startAmend(text)
		r.amendBtn.Disable()
	})
	ok.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", d.Hide), ok})
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	r.dlg, r.dlgOK, r.dlgEntry = d, ok, why
	d.Show()
	r.s.u.win.Canvas().Focus(why)
}

// showHistory lists every version of the record of the child on screen:
// who saved it, when, why (an amendment) and what changed.
func (r *meetingRoom) showHistory() {
	id := r.child()
	if id == "" {
		return
	}
	st, mid := r.ps.st, r.m.ID
	f := r.form()
	done := func() {
		run(r.s.u.bridge, func(ctx context.Context) ([]data.RecordVersion, error) {
			return st.RecordHistory(ctx, mid, id)
		}, func(vs []data.RecordVersion, err error) {
			if err != nil {
				r.s.u.showError(err)
				return
			}
			r.historyFor = historyLines(vs)
			r.showHistoryDialog(id)
		})
	}
	if f != nil {
		f.saver.flush(done) // what was just typed is in the history too
	} else {
		done()
	}
}

func (r *meetingRoom) showHistoryDialog(id string) {
	var rows []fyne.CanvasObject
	if len(r.historyFor) == 0 {
		rows = append(rows, note("No record has been saved for this child at this meeting."))
	}
	for i := len(r.historyFor) - 1; i >= 0; i-- { // newest first
		rows = append(rows, wrapLabel(r.historyFor[i]), widget.NewSeparator())
	}
	box := container.NewVBox(rows...)
	title := "History of the record of " + lineLabel(r.lines[id], r.s.u.hideNames)
	d := dialog.NewCustom(title, "Close", container.NewVScroll(box), r.s.u.win)
	sz := r.s.u.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(sz.Width*0.8, 760), min(sz.Height*0.8, 560)))
	r.dlg = d
	d.Show()
}

// historyLines are a record's versions in words, oldest first: "Version
// 2, saved by jo on 12 May 2026 at 10:42:05. Amendment: why. Changed:
// Update, Actions."
func historyLines(vs []data.RecordVersion) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		when := v.At
		if t, err := time.Parse(time.RFC3339, v.At); err == nil {
			when = t.Local().Format("2 Jan 2006 at 15:04:05")
		}
		s := fmt.Sprintf("Version %d, saved by %s on %s.", v.Version, v.Who, when)
		if v.Why != "" {
			s += " Amendment: " + v.Why + "."
		}
		if i == 0 {
			s += " First saved: " + orNone(strings.Join(changedFields(data.PanelRecord{}, v.Record), ", "), "empty") + "."
		} else if ch := changedFields(vs[i-1].Record, v.Record); len(ch) > 0 {
			s += " Changed: " + strings.Join(ch, ", ") + "."
		}
		out[i] = s
	}
	return out
}

// changedFields names the fields that differ between two versions of a
// record, in the form's order.
func changedFields(a, b data.PanelRecord) []string {
	fields := func(r data.PanelRecord) map[string]json.RawMessage {
		out := map[string]json.RawMessage{}
		if js, err := json.Marshal(r); err == nil {
			_ = json.Unmarshal(js, &out)
		}
		return out
	}
	fa, fb := fields(a), fields(b)
	var out []string
	for _, k := range data.RecordKeys {
		if !bytes.Equal(fa[k], fb[k]) {
			out = append(out, recordKeyLabels[k])
		}
	}
	return out
}
