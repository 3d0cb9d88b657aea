package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
)

// Record outcome… stores the outcome and the date resolved as an
// amendment to the closed meeting's record; the open list lets it go.
func TestEscalationRecordOutcome(t *testing.T) {
	s := demoStore(t)
	f := newPanelFixture(t, s)
	u, w := newTestUI(t, s)
	u.escalations.today = func() data.Date { return testAsAt }
	showScreen(t, u, "Escalations")

	rows := u.escalations.table.rows
	ours := -1
	for i, r := range rows {
		if !r.Escalation.Open() {
			t.Errorf("the open filter shows an escalation resolved on %s", r.Escalation.Resolved)
		}
		if r.ChildID == f.child.ID && r.Escalation.To == "Head of service" {
			ours = i
		}
	}
	if ours < 0 {
		t.Fatal("the open escalation should be listed")
	}
	// 9 Jan 2025 to 31 Mar 2026: 365 days to 9 Jan 2026, 22 to 31 Jan, 28, 31.
	if got := u.escalations.table.cols[1].text(&rows[ours]); got != "446 so far" {
		t.Errorf("days open = %q, want 446 so far", got)
	}
	if !u.escalations.outcome.Disabled() {
		t.Error("Record outcome… should wait until an escalation is chosen")
	}
	u.escalations.table.table.ScrollTo(widget.TableCellID{Row: ours, Col: 0})
	u.escalations.table.table.Select(widget.TableCellID{Row: ours, Col: 0})
	if r := u.escalations.table.chosenRow(); r == nil || r.ChildID != f.child.ID {
		t.Fatal("choosing the row should choose the escalation")
	}
	test.Tap(u.escalations.outcome)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Record outcome… should open a dialog")
	}
	var outcome *dialogEntry
	var resolved *widget.DateEntry
	var save *widget.Button
	for _, o := range test.LaidOutObjects(top) {
		switch x := o.(type) {
		case *dialogEntry:
			outcome = x
		case *widget.DateEntry:
			resolved = x
		case *widget.Button:
			if x.Text == "Save" {
				save = x
			}
		}
	}
	if outcome == nil || resolved == nil || save == nil {
		t.Fatal("the dialog should ask for the outcome and the date resolved, with a Save button")
	}
	if resolved.Date == nil || data.DateOf(*resolved.Date) != testAsAt {
		t.Errorf("the date resolved should start as today (%s)", testAsAt)
	}
	test.Type(outcome, "Funding agreed for an inter-agency placement")
	test.Tap(save)
	u.bridge.wait()

	rec, _, err := s.Record(context.Background(), f.meeting, f.child.ID)
	if err != nil {
		t.Fatal(err)
	}
	if e := rec.Escalation; e == nil || e.Outcome != "Funding agreed for an inter-agency placement" || e.Resolved != testAsAt || e.Why != "No adopters found in six months" {
		t.Errorf("the stored escalation is %+v: want the outcome typed, resolved %s, the rest kept", e, testAsAt)
	}
	vs, err := s.RecordHistory(context.Background(), f.meeting, f.child.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[1].Why != "Escalation outcome recorded" {
		t.Errorf("want a second version saying why; got %d versions", len(vs))
	}
	for _, r := range u.escalations.table.rows {
		if r.ChildID == f.child.ID && r.Escalation.To == "Head of service" {
			t.Error("the open list should no longer show the resolved escalation")
		}
	}
	u.escalations.which.SetSelected(escalationsAll)
	found := false
	for _, r := range u.escalations.shown().rows {
		if r[2] == f.child.Name && r[5] == "Funding agreed for an inter-agency placement" && r[6] == testAsAt {
			found = true
			if r[1] != 446 {
				t.Errorf("days to resolve = %v, want 446", r[1])
			}
		}
	}
	if !found {
		t.Error("the list of all escalations should show the outcome and the date resolved")
	}
	if !strings.Contains(u.escalations.info.Text, "outcome") {
		t.Errorf("the screen should say the outcome was saved; it says %q", u.escalations.info.Text)
	}
}

// A resolved date before the escalation was raised, or after today, is
// refused.
func TestCheckResolved(t *testing.T) {
	raised, today := data.MustDate("2025-01-09"), data.MustDate("2026-03-31")
	for _, c := range []struct {
		on string
		ok bool
	}{{"2025-01-09", true}, {"2026-03-31", true}, {"2025-01-08", false}, {"2026-04-01", false}, {"", false}} {
		on := data.NoDate
		if c.on != "" {
			on = data.MustDate(c.on)
		}
		if err := checkResolved(raised, on, today); (err == nil) != c.ok {
			t.Errorf("resolved %q: error %v, want ok %v", c.on, err, c.ok)
		}
	}
}

// A child's timeline shows their panel meeting (what was endorsed) and
// the review it set, in the Panel group, and lists the meeting.
func TestTimelineShowsPanel(t *testing.T) {
	s := demoStore(t)
	f := newPanelFixture(t, s)
	u, w := newTestUI(t, s)
	u.openChildID(f.child.ID)
	u.bridge.wait()
	var meeting, review bool
	for _, m := range u.timeline.milestones {
		if m.Group != "Panel" {
			continue
		}
		switch data.DateOf(m.Date) {
		case fixtureMeeting:
			meeting = meeting || m.Label == "Panel (adoption): plan endorsed Adoption"
		case data.MustDate("2025-04-09"):
			review = true
		}
	}
	if !meeting || !review {
		t.Errorf("the timeline should show the panel of 9 Jan 2025 (%v) and the review it set (%v): %+v", meeting, review, u.timeline.milestones)
	}
	markup := test.RenderToMarkup(w.Canvas())
	if !strings.Contains(markup, "Adoption tracking panel, 9 Jan 2025 · plan endorsed: Adoption · next review 9 Apr 2025") || !strings.Contains(markup, "Plan of adoption endorsed") {
		t.Error("the timeline should list the panel meeting and its decision")
	}
}
