package app

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
	"permanence/data/store"
)

// panelFixture is a closed meeting of the adoption panel on 9 Jan 2025
// with one child's record: an action overdue since 1 Feb 2025 (owner Zoe
// Overdue, about the child by first name), an open action due in 2099
// (owner Adam Later, whose name sorts first) and an open escalation.
type panelFixture struct {
	child   data.Child
	meeting int64
	overdue data.Action
}

var (
	fixtureMeeting = data.MustDate("2025-01-09")
	fixtureDue     = data.MustDate("2025-02-01")
)

func newPanelFixture(t *testing.T, s *store.Store) panelFixture {
	t.Helper()
	ctx := context.Background()
	all, err := s.StateAt(ctx, testAsAt)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := s.AllRecords(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{} // children the demo's panel has records for
	for _, mr := range recs {
		seen[mr.Record.ChildID] = true
	}
	var f panelFixture
	for _, c := range all {
		if len(strings.Fields(c.Name)) >= 2 && len(strings.Fields(c.Name)[0]) >= 3 && inCareAt(&c, testAsAt) && c.EnteredCare < fixtureMeeting && !seen[c.ID] {
			f.child = c
			break
		}
	}
	if f.child.ID == "" {
		t.Fatal("the demo should have a named child in care with no panel record")
	}
	first := strings.Fields(f.child.Name)[0]
	id, err := s.CreateMeeting(ctx, data.Meeting{Date: fixtureMeeting, Kind: data.PanelAdoption, Chair: "Head of service"}, "tester")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.HoldMeeting(ctx, id, []data.AgendaLine{{ChildID: f.child.ID, Reasons: []data.Reason{data.ReasonAdded}}}, "tester"); err != nil {
		t.Fatal(err)
	}
	f.meeting = id
	f.overdue = data.Action{What: "Ask the school how " + first + " is settling", Who: "Zoe Overdue", Due: fixtureDue, Status: data.ActionOpen}
	rec := data.PanelRecord{MeetingID: id, ChildID: f.child.ID, Plan: "adoption", Decision: "Plan of adoption endorsed; family finding to widen",
		NextReview: data.MustDate("2025-04-09"),
		Actions: []data.Action{f.overdue,
			{What: "Book the life story work", Who: "Adam Later", Due: data.MustDate("2099-01-01"), Status: data.ActionOpen}},
		Escalation: &data.Escalation{To: "Head of service", Why: "No adopters found in six months", Raised: fixtureMeeting}}
	if _, err := s.SaveRecord(ctx, rec, "tester"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMeetingStatus(ctx, id, data.MeetingClosed, "tester"); err != nil {
		t.Fatal(err)
	}
	return f
}

// showScreen shows a screen by its navigation title.
func showScreen(t *testing.T, u *ui, title string) {
	t.Helper()
	for i, sc := range u.screens {
		if sc.title() == title {
			u.show(i)
			u.bridge.wait()
			return
		}
	}
	t.Fatalf("no screen %q in the navigation", title)
}

// tapTableRow taps a table's row as a user would (in its first column).
func tapTableRow(t *testing.T, w fyne.Window, tb *widget.Table, row int) {
	t.Helper()
	w.Canvas().Capture() // lays out and draws the rows
	h := widget.NewLabel("X").MinSize().Height
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(tb)
	test.TapCanvas(w.Canvas(), at.Add(fyne.NewPos(20, h*float32(row+1)+h/2+2)))
}

// The overdue action comes first, says so, and Mark done saves it done as
// a new version of its closed meeting's record, with the reason.
func TestActionsOverdueFirstAndMarkDone(t *testing.T) {
	s := demoStore(t)
	f := newPanelFixture(t, s)
	u, w := newTestUI(t, s)
	u.actions.today = func() data.Date { return testAsAt }
	showScreen(t, u, "Actions")

	// Overdue first: every open action due before 31 Mar 2026 comes before
	// every other, so the overdue one (Zoe) comes before Adam's though
	// Adam sorts first by owner.
	rows := u.actions.table.rows
	zoe, adam, lastOverdue, firstOther := -1, -1, -1, len(rows)
	for i, r := range rows {
		if r.Action.Status != data.ActionOpen {
			t.Errorf("the open filter shows %q, which is %s", r.Action.What, r.Action.Status)
		}
		if r.Action.Due < testAsAt && !r.Action.Due.IsZero() {
			lastOverdue = i
		} else if firstOther == len(rows) {
			firstOther = i
		}
		switch r.Action.Who {
		case "Zoe Overdue":
			zoe = i
		case "Adam Later":
			adam = i
		}
	}
	if zoe < 0 || adam < 0 || zoe > adam || lastOverdue > firstOther {
		t.Fatalf("overdue actions should come first: Zoe's at %d, Adam's at %d, last overdue at %d, first other at %d", zoe, adam, lastOverdue, firstOther)
	}

	u.actions.owner.SetSelected("Zoe Overdue")
	markup := test.RenderToMarkup(w.Canvas())
	// 1 Feb 2025 to 31 Mar 2026: 365 days to 1 Feb 2026, 28 to 1 Mar, 30 to 31 Mar.
	if len(u.actions.table.rows) != 1 || !strings.Contains(markup, "Overdue by 423 days") || !strings.Contains(markup, f.overdue.What) {
		t.Fatalf("Zoe's list should be the action overdue by 423 days; it has %d rows", len(u.actions.table.rows))
	}
	// Export list… writes the list as on screen, dates as dates.
	path := filepath.Join(t.TempDir(), "actions.xlsx")
	l := u.actions.shown()
	if err := exportList(path, l, u.listPage(l)); err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Due", "Who", "Child", "What", "Status", "Set at"},
		{"01/02/2025", "Zoe Overdue", f.child.Name, f.overdue.What, "Overdue by 423 days", "Adoption, 9 Jan 2025"}}
	if got := readXLSX(t, path, 6); !reflect.DeepEqual(got, want) {
		t.Errorf("the exported list is %q, want %q", got, want)
	}
	if !u.actions.done.Disabled() {
		t.Error("Mark done should wait until an action is chosen")
	}
	tapTableRow(t, w, u.actions.table.table, 0)
	if r := u.actions.table.chosenRow(); r == nil || r.Action.What != f.overdue.What || u.actions.done.Disabled() {
		t.Fatal("tapping the action should choose it and enable Mark done")
	}
	test.Tap(u.actions.done)
	u.bridge.wait()

	rec, _, err := s.Record(context.Background(), f.meeting, f.child.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a := rec.Actions[0]; a.Status != data.ActionDone || a.DoneOn != testAsAt || rec.Actions[1].Status != data.ActionOpen {
		t.Errorf("the stored actions are %+v: want the first done on %s, the second still open", rec.Actions, testAsAt)
	}
	vs, err := s.RecordHistory(context.Background(), f.meeting, f.child.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[1].Why != "Action marked done on 31/03/2026" {
		t.Errorf("want a second version saying why it changed; got %d versions, last why %q", len(vs), vs[len(vs)-1].Why)
	}
	if len(u.actions.table.rows) != 0 || strings.Contains(test.RenderToMarkup(w.Canvas()), f.overdue.What+"</") {
		t.Error("the open list should no longer show the action marked done")
	}
	u.actions.which.SetSelected(actionsAll)
	if markup := test.RenderToMarkup(w.Canvas()); !strings.Contains(markup, "Done on 31 Mar 2026") {
		t.Error("the list of all actions should say when it was done")
	}
}

// No longer needed asks why, and stores the action dropped with it.
func TestActionNoLongerNeeded(t *testing.T) {
	s := demoStore(t)
	f := newPanelFixture(t, s)
	u, w := newTestUI(t, s)
	u.actions.today = func() data.Date { return testAsAt }
	showScreen(t, u, "Actions")
	u.actions.owner.SetSelected("Adam Later")
	tapTableRow(t, w, u.actions.table.table, 0)
	test.Tap(u.actions.drop)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("No longer needed… should ask why")
	}
	var why *dialogEntry
	var save *widget.Button
	for _, o := range test.LaidOutObjects(top) {
		switch x := o.(type) {
		case *dialogEntry:
			why = x
		case *widget.Button:
			if x.Text == "Save" {
				save = x
			}
		}
	}
	if why == nil || save == nil {
		t.Fatal("the dialog should have a box for why and a Save button")
	}
	if !save.Disabled() {
		t.Error("Save should wait until a reason is typed")
	}
	why.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Esc in the box should close the dialog")
	}
	test.Tap(u.actions.drop)
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		switch x := o.(type) {
		case *dialogEntry:
			why = x
		case *widget.Button:
			if x.Text == "Save" {
				save = x
			}
		}
	}
	test.Type(why, "Life story work is done by the adopters")
	test.Tap(save)
	u.bridge.wait()
	rec, _, err := s.Record(context.Background(), f.meeting, f.child.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a := rec.Actions[1]; a.Status != data.ActionDropped || a.Why != "Life story work is done by the adopters" {
		t.Errorf("the action is stored as %+v: want dropped with the reason typed", a)
	}
}

// Names hidden: neither list shows a child's name, nor free text that
// names them.
func TestActionsAndEscalationsHideNames(t *testing.T) {
	s := demoStore(t)
	f := newPanelFixture(t, s)
	u, w := newTestUI(t, s)
	u.hide.SetChecked(true)
	u.bridge.wait()
	showScreen(t, u, "Actions")
	u.actions.owner.SetSelected("Zoe Overdue")
	markup := test.RenderToMarkup(w.Canvas())
	first := strings.Fields(f.child.Name)[0]
	if strings.Contains(markup, f.child.Name) || strings.Contains(markup, "how "+first+" is") {
		t.Errorf("with names hidden the Actions screen shows %s's name", f.child.ID)
	}
	if !strings.Contains(markup, f.child.Initials()+" ("+f.child.ID+")") || !strings.Contains(markup, "how "+first[:1]+". is settling") {
		t.Error("with names hidden the child should show as initials and ID, and their name in the action as an initial")
	}
	if got := u.actions.shown().rows[0][2]; got != f.child.Initials()+" ("+f.child.ID+")" {
		t.Errorf("the exported list names the child %q", got)
	}
	showScreen(t, u, "Escalations")
	if strings.Contains(test.RenderToMarkup(w.Canvas()), f.child.Name) {
		t.Error("with names hidden the Escalations screen shows a child's name")
	}
	named := false
	for _, r := range u.escalations.shown().rows {
		named = named || r[2] == f.child.Name
	}
	if named {
		t.Error("with names hidden the exported escalations name the child")
	}
	u.hide.SetChecked(false)
	u.bridge.wait()
	for _, r := range u.escalations.shown().rows {
		named = named || r[2] == f.child.Name
	}
	if !named {
		t.Error("with names shown the Escalations list should name the child")
	}
}

// With names hidden, free text about a child has their names as initials,
// whole words only, in any script and case.
func TestHideChildName(t *testing.T) {
	c := &data.Child{ID: "C1", Name: "Zoë Samson"}
	for _, tc := range []struct{ in, want string }{
		{"Ask how Zoë is settling", "Ask how Z. is settling"},
		{"zoë's school; SAMSON family", "Z.'s school; S. family"},
		{"Zoë Zoë", "Z. Z."},
		{"Samsonite and Zoëtrope stay", "Samsonite and Zoëtrope stay"},
	} {
		if got := hideChildName(c, tc.in); got != tc.want {
			t.Errorf("hideChildName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A meeting on the timeline says the plan it endorsed when the plan is new
// to the panel, else the decision's first words.
func TestPanelEventText(t *testing.T) {
	c := &data.Child{ID: "C1", Name: "Sam Jones"}
	m := data.Meeting{Kind: data.PanelTracking}
	for _, tc := range []struct {
		plan, decision, before, want string
	}{
		{"adoption", "Endorsed", "", "Panel (tracking): plan endorsed Adoption"},
		{"adoption", "Sam to be matched by the summer", "Adoption", "Panel (tracking): S. to be matched…"},
		{"", "", "Adoption", "Panel (tracking)"},
	} {
		mr := data.MeetingRecord{Meeting: m, Record: data.PanelRecord{Plan: tc.plan, Decision: tc.decision}}
		if got := panelEventText(mr, tc.before, c, true); got != tc.want {
			t.Errorf("plan %q, decision %q after %q: %q, want %q", tc.plan, tc.decision, tc.before, got, tc.want)
		}
	}
}

// A record written elsewhere (the command line) shows on the Actions and
// Escalations screens once the store is read again.
func TestActionsFollowTheStore(t *testing.T) {
	s := demoStore(t)
	u, _ := newTestUI(t, s)
	showScreen(t, u, "Actions")
	before := len(u.actions.all)
	f := newPanelFixture(t, s)
	u.reloadStore()
	u.bridge.wait()
	if got := len(u.actions.all); got != before+2 {
		t.Errorf("after two actions were stored the screen knows %d, want %d", got, before+2)
	}
	found := false
	for _, r := range u.actions.table.rows {
		found = found || (r.ChildID == f.child.ID && r.Action.Who == "Zoe Overdue")
	}
	if !found {
		t.Error("the new overdue action should be listed")
	}
	showScreen(t, u, "Escalations")
	found = false
	for _, r := range u.escalations.table.rows {
		found = found || r.ChildID == f.child.ID
	}
	if !found {
		t.Error("the new escalation should be listed")
	}
}

// Free-text columns give up their room first, then every column narrows
// alike, to two thirds at most.
func TestFittedWidths(t *testing.T) {
	widths, narrowest := []float32{100, 200, 100}, []float32{0, 100, 0}
	for _, tc := range []struct {
		avail float32
		want  []float32
	}{
		{500, []float32{100, 200, 100}},                   // room to spare
		{350, []float32{100, 150, 100}},                   // 50 short: the middle gives 50 of its 100
		{250, []float32{250.0 / 3, 250.0 / 3, 250.0 / 3}}, // 150 short: the middle gives 100, then 300 → 250 alike
		{100, []float32{67, 67, 67}},                      // two thirds at most
	} {
		got := fittedWidths(widths, narrowest, tc.avail)
		for i := range got {
			if d := got[i] - tc.want[i]; d > 0.01 || d < -0.01 {
				t.Errorf("in %.0f: widths %v, want %v", tc.avail, got, tc.want)
				break
			}
		}
	}
}
