package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"permanence/data"
	"permanence/data/panel"
	"permanence/data/store"
)

// panelUI is the app on the demo store, on the Panel screen, saving
// quickly (the tests wait for the autosave rather than 1.5 seconds).
func panelUI(t *testing.T, s *store.Store) (*ui, fyne.Window) {
	t.Helper()
	u, w := newTestUI(t, s)
	u.bridge.wait()
	u.panel.autosaveDelay = 20 * time.Millisecond
	u.panel.recomputeDelay = 20 * time.Millisecond
	u.show(screenIndex(u, "panel"))
	u.bridge.wait()
	return u, w
}

// waitFor runs the bridge until cond holds (timers deliver through it),
// for at most ten seconds.
func waitFor(t *testing.T, u *ui, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		u.bridge.wait()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// heldMeeting stores a tracking meeting on the test's as-at date with
// children added by hand, holds it, and opens it in the app.
func heldMeeting(t *testing.T, u *ui, add ...string) (int64, *meetingRoom) {
	t.Helper()
	ctx := context.Background()
	id, err := u.store.CreateMeeting(ctx, data.Meeting{Kind: data.PanelTracking, Date: testAsAt, Chair: "Head of service"}, "test")
	if err != nil {
		t.Fatal(err)
	}
	svc := panel.New(u.store, nil)
	for _, c := range add {
		if err := svc.AddToAgenda(ctx, id, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc.Hold(ctx, id, "test"); err != nil {
		t.Fatal(err)
	}
	u.panel.openMeeting(id)
	waitFor(t, u, "the meeting to open", func() bool { return u.panel.room != nil && u.panel.room.m.ID == id })
	r := u.panel.room
	waitFor(t, u, "the child's figures", func() bool { return r.facts[r.child()] != nil })
	return id, r
}

// inCare are the IDs of some children in care as at the test date.
func inCare(u *ui, n int) []string {
	var out []string
	for _, i := range u.snap.inCare {
		if len(out) == n {
			break
		}
		out = append(out, u.snap.child(i).ID)
	}
	return out
}

// record reads a child's current record straight from the store.
func record(t *testing.T, s *store.Store, id int64, child string) data.PanelRecord {
	t.Helper()
	rec, _, err := s.Record(context.Background(), id, child)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// A new meeting is planned from the list, its suggested agenda is shown,
// one suggestion is removed, a child is added by ID and moved up: the
// agenda the store gives back is in the order on screen.
func TestPanelBuildAgenda(t *testing.T) {
	u, _ := panelUI(t, demoStore(t))
	l := u.panel.list
	waitFor(t, u, "the meetings list", func() bool { return l.loaded })
	test.Tap(l.newBtn)
	f := l.form
	if f == nil || f.kind.Selected == "" {
		t.Fatal("New meeting should open its dialog with a panel chosen")
	}
	f.kind.SetSelected(data.PanelTracking.Label())
	f.date.SetText("")
	test.Type(f.date, "31/03/2026")
	test.Tap(f.create)
	waitFor(t, u, "the agenda builder", func() bool { return u.panel.builder != nil })
	b := u.panel.builder
	if len(b.rows) < 3 {
		t.Fatalf("the new meeting suggests %d children; the demo authority should give at least 3", len(b.rows))
	}
	for _, l := range b.ag.Lines {
		if len(l.Reasons) == 0 {
			t.Errorf("child %s is suggested with no reason", l.ChildID)
		}
	}
	id := b.ag.Meeting.ID

	removed := b.rows[0].child
	test.Tap(b.rows[0].remove)
	waitFor(t, u, "the line to go", func() bool { return !slices.Contains(b.order(), removed) })
	kept := b.order()

	var added string
	for _, c := range inCare(u, 400) {
		if c != removed && !slices.Contains(kept, c) {
			added = c
			break
		}
	}
	test.Type(b.search, added)
	at := slices.Index(b.matches, added)
	if at < 0 {
		t.Fatalf("searching for %s offers %v", added, b.matches)
	}
	test.Tap(b.adds[at])
	waitFor(t, u, "the child to be added", func() bool { return slices.Contains(b.order(), added) })
	if got, want := b.order(), append(slices.Clone(kept), added); !slices.Equal(got, want) {
		t.Fatalf("after adding %s the agenda is %v, want the suggestions then the child added: %v", added, got, want)
	}

	test.Tap(b.rows[len(b.rows)-1].up)
	n := len(kept)
	want := append(slices.Clone(kept[:n-1]), added, kept[n-1])
	waitFor(t, u, "the line to move", func() bool { return slices.Equal(b.order(), want) })

	ag, err := panel.New(u.store, nil).Agenda(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var stored []string
	for _, l := range ag.Lines {
		stored = append(stored, l.ChildID)
	}
	if !slices.Equal(stored, want) {
		t.Errorf("the store's agenda is %v, want the order on screen %v", stored, want)
	}
	if !slices.Contains(ag.Removed, removed) {
		t.Errorf("the store should keep %s removed, has %v", removed, ag.Removed)
	}
	// The slots follow the order: 20 minutes a child from 10:00 (the
	// demo's settings).
	if ag.Lines[0].Time != "10:00" || ag.Lines[1].Time != "10:20" || ag.Lines[n-1].ChildID != added {
		t.Errorf("slot times %s, %s, want 10:00 and 10:20", ag.Lines[0].Time, ag.Lines[1].Time)
	}

	// The meeting's details are saved as they are typed.
	b.details.chair.SetText("")
	test.Type(b.details.chair, "Service Manager (chair)")
	waitFor(t, u, "the chair to be saved", func() bool {
		m, err := u.store.Meeting(context.Background(), id)
		return err == nil && m.Chair == "Service Manager (chair)"
	})

	// Start meeting holds it and opens it one child at a time, in the
	// agenda's order.
	test.Tap(b.start)
	waitFor(t, u, "the meeting to start", func() bool { return u.panel.room != nil })
	r := u.panel.room
	if r.m.Status != data.MeetingHeld || !slices.Equal(r.order, want) || r.child() != want[0] {
		t.Errorf("started: %s, children %v, on %s; want held, %v, on the first", r.m.Status, r.order, r.child(), want)
	}
}

// Typing in the record form saves it a moment later, by the operating
// system's user, with no Save button.
func TestPanelRecordAutosaves(t *testing.T) {
	s := demoStore(t)
	u, _ := panelUI(t, s)
	id, r := heldMeeting(t, u, inCare(u, 2)...)
	f := r.form()
	child := r.child()
	test.Type(f.update, "Settled at home; contact going well.")
	test.Tap(f.barriers[0]) // court delay
	test.Type(f.decision, "Continue with the plan")
	waitFor(t, u, "the autosave", func() bool { return strings.HasPrefix(r.saved.Text, "Saved ") })
	rec := record(t, s, id, child)
	if rec.Update != "Settled at home; contact going well." || rec.Decision != "Continue with the plan" {
		t.Errorf("stored update %q, decision %q", rec.Update, rec.Decision)
	}
	if !slices.Equal(rec.Barriers, []data.Barrier{data.BarrierCourtDelay}) {
		t.Errorf("stored barriers %v, want court delay", rec.Barriers)
	}
	// The review date the rules propose is in the form and saved with it:
	// 3 or 6 months after the meeting.
	if rec.NextReview != testAsAt.AddMonths(3) && rec.NextReview != testAsAt.AddMonths(6) {
		t.Errorf("stored next review %s, want the proposal, 3 or 6 months after %s", rec.NextReview, testAsAt)
	}
	hist, err := s.RecordHistory(context.Background(), id, child)
	if err != nil || len(hist) == 0 {
		t.Fatalf("history %v, %v", hist, err)
	}
	if who := hist[len(hist)-1].Who; who != store.OSUser() {
		t.Errorf("saved by %q, want the operating system's user %q", who, store.OSUser())
	}
}

// What was typed before a crash is in the store: the app is dropped
// without closing and the store opened again from its file.
func TestPanelRecordSurvivesACrash(t *testing.T) {
	s := demoStore(t)
	u, _ := panelUI(t, s)
	id, r := heldMeeting(t, u, inCare(u, 1)...)
	child := r.child()
	test.Type(r.form().update, "Typed just before the power cut")
	waitFor(t, u, "the autosave", func() bool { return strings.HasPrefix(r.saved.Text, "Saved ") })

	again, err := store.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := record(t, again, id, child).Update; got != "Typed just before the power cut" {
		t.Errorf("after the crash the record holds %q", got)
	}
}

// An action without a due date is shown as a problem under it and not
// saved; the rest of the record is; once the date is typed, the action is
// saved too.
func TestPanelRecordProblemKeepsTyping(t *testing.T) {
	s := demoStore(t)
	u, _ := panelUI(t, s)
	id, r := heldMeeting(t, u, inCare(u, 1)...)
	f, child := r.form(), r.child()
	test.Type(f.update, "Discussed")
	test.Tap(f.addAction)
	a := f.actions[len(f.actions)-1]
	test.Type(a.what, "Send the later-life letter")
	test.Type(a.who, "Social worker")
	waitFor(t, u, "the autosave", func() bool {
		return r.saved.Text != "" && !strings.Contains(r.saved.Text, "shortly") && r.saved.Text != "Saving…"
	})
	if !a.problem.Visible() || !strings.Contains(a.problem.Text, "Due date") {
		t.Errorf("the action's problem says %q, want the missing due date", a.problem.Text)
	}
	if !strings.Contains(r.saved.Text, "except what is marked in red") {
		t.Errorf("indicator %q", r.saved.Text)
	}
	rec := record(t, s, id, child)
	if rec.Update != "Discussed" || len(rec.Actions) != 0 {
		t.Errorf("stored update %q and %d actions: the update is saved, the action without a date not", rec.Update, len(rec.Actions))
	}
	if a.what.Text != "Send the later-life letter" {
		t.Error("the form should keep what was typed")
	}
	test.Type(a.due, "30/04/2026")
	waitFor(t, u, "the action to be saved", func() bool { return len(record(t, s, id, child).Actions) == 1 })
	got := record(t, s, id, child).Actions[0]
	if got.What != "Send the later-life letter" || got.Due != data.MustDate("2026-04-30") || got.Status != data.ActionOpen {
		t.Errorf("stored action %+v", got)
	}
	if a.problem.Visible() {
		t.Errorf("the problem should go once the date is typed, says %q", a.problem.Text)
	}
}

// Closing the meeting makes its records read-only; an amendment, with its
// reason, is a second version in the record's history.
func TestPanelCloseAndAmend(t *testing.T) {
	s := demoStore(t)
	u, _ := panelUI(t, s)
	id, r := heldMeeting(t, u, inCare(u, 1)...)
	child := r.child()
	test.Type(r.form().decision, "Plan endorsed")
	waitFor(t, u, "the autosave", func() bool { return strings.HasPrefix(r.saved.Text, "Saved ") })

	test.Tap(r.closeBtn)
	test.Tap(r.dlgOK)
	waitFor(t, u, "the meeting to close", func() bool { return u.panel.room != r && u.panel.room != nil })
	r = u.panel.room
	if r.m.Status != data.MeetingClosed {
		t.Fatalf("the meeting is %s after closing", r.m.Status)
	}
	r.showChild(slices.Index(r.order, child))
	f := r.form()
	if !f.decision.Disabled() || !f.plan.Disabled() || f.addAction.Visible() {
		t.Error("a closed meeting's record should be read-only")
	}
	if f.decision.Text != "Plan endorsed" {
		t.Errorf("the closed record shows %q", f.decision.Text)
	}

	test.Tap(r.amendBtn)
	test.Type(r.dlgEntry, "Decision worded wrongly")
	test.Tap(r.dlgOK)
	if f.decision.Disabled() {
		t.Fatal("after Amend the record should be editable")
	}
	f.decision.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd}) // type after what is there
	test.Type(f.decision, ", with a review in three months")
	waitFor(t, u, "the amendment", func() bool { return strings.HasPrefix(r.saved.Text, "Saved ") })

	hist, err := s.RecordHistory(context.Background(), id, child)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[1].Why != "Decision worded wrongly" || hist[1].Record.Decision != "Plan endorsed, with a review in three months" {
		t.Fatalf("history = %+v, want the record then its amendment with the reason", hist)
	}
	test.Tap(r.historyBtn)
	waitFor(t, u, "the history", func() bool { return len(r.historyFor) == 2 })
	if !strings.Contains(r.historyFor[1], "Amendment: Decision worded wrongly") || !strings.Contains(r.historyFor[1], "Changed: Decision") {
		t.Errorf("the history says %q", r.historyFor[1])
	}
}

// Ctrl+Page Down and Ctrl+Page Up, or Alt+Right and Alt+Left, go to the
// next and previous child, from the window or while typing in the form;
// the jump list goes to any child.
func TestPanelKeyboard(t *testing.T) {
	s := demoStore(t)
	u, w := panelUI(t, s)
	id, r := heldMeeting(t, u, inCare(u, 3)...)
	if len(r.order) < 3 {
		t.Fatalf("the meeting has %d children", len(r.order))
	}
	c := w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) })
	c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierControl})
	if r.idx != 1 {
		t.Fatalf("Ctrl+Page Down: child %d, want 1", r.idx)
	}
	c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt})
	if r.idx != 2 {
		t.Fatalf("Alt+Right: child %d, want 2", r.idx)
	}
	// In an entry, the key reaches the entry first (as the window gives it).
	f, third := r.form(), r.child()
	w.Canvas().Focus(f.update)
	test.Type(f.update, "Noted")
	f.update.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierControl})
	if r.idx != 1 {
		t.Fatalf("Ctrl+Page Up in the form: child %d, want 1", r.idx)
	}
	if f.update.Text != "Noted" {
		t.Errorf("the shortcut typed into the entry: %q", f.update.Text)
	}
	r.jump.SetSelectedIndex(0)
	if r.idx != 0 || r.right.Content != r.form().obj {
		t.Errorf("the jump list went to child %d", r.idx)
	}
	c.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt})
	if r.idx != 0 {
		t.Errorf("Alt+Left on the first child moved to %d", r.idx)
	}
	if !r.prev.Disabled() || r.next.Disabled() {
		t.Error("on the first child Previous is disabled and Next is not")
	}
	// Leaving a child saved what was typed for them.
	waitFor(t, u, "the save on leaving", func() bool { return record(t, s, id, third).Update == "Noted" })
}

// With names hidden, no child's name is drawn on the agenda or in the
// meeting; with names shown, the child's name is.
func TestPanelHideNames(t *testing.T) {
	u, w := panelUI(t, demoStore(t))
	_, r := heldMeeting(t, u, inCare(u, 3)...)
	names := map[string]string{}
	for _, l := range r.ag.Lines {
		if l.Name != "" {
			names[l.ChildID] = l.Name
		}
	}
	if len(names) == 0 {
		t.Fatal("the demo children should have names")
	}
	first := r.lines[r.child()]
	if markup := test.RenderToMarkup(w.Canvas()); !strings.Contains(markup, first.Name) {
		t.Fatalf("with names shown the child's name %q should be on screen", first.Name)
	}
	u.hide.SetChecked(true)
	u.bridge.wait()
	check := func(where string) {
		t.Helper()
		markup := test.RenderToMarkup(w.Canvas())
		for _, n := range names {
			if strings.Contains(markup, n) {
				t.Errorf("%s shows %q while names are hidden", where, n)
			}
		}
	}
	check("the meeting")
	if !strings.Contains(r.name.Text, first.Initials) || !strings.Contains(r.name.Text, first.ChildID) {
		t.Errorf("the child is %q, want initials and ID", r.name.Text)
	}
	r.step(1)
	u.bridge.wait()
	check("the next child")

	// The agenda of a planned meeting, and its search.
	ctx := context.Background()
	pid, err := u.store.CreateMeeting(ctx, data.Meeting{Kind: data.PanelTracking, Date: testAsAt.AddDays(1)}, "test")
	if err != nil {
		t.Fatal(err)
	}
	for c := range names {
		if err := panel.New(u.store, nil).AddToAgenda(ctx, pid, c); err != nil {
			t.Fatal(err)
		}
	}
	u.panel.openMeeting(pid)
	waitFor(t, u, "the agenda", func() bool { return u.panel.builder != nil })
	check("the agenda")
	b := u.panel.builder
	if !b.search.Password {
		t.Error("with names hidden the search hides what is typed")
	}
}

// The list shows the demo's meetings, past and upcoming, and opens one.
func TestPanelListOpensMeetings(t *testing.T) {
	u, _ := panelUI(t, demoStore(t))
	l := u.panel.list
	waitFor(t, u, "the meetings list", func() bool { return l.loaded })
	if len(l.meetings) == 0 {
		t.Skip("the demo store has no panel meetings")
	}
	var closed data.Meeting
	for _, m := range l.meetings {
		if m.Status == data.MeetingClosed {
			closed = m
		}
	}
	if closed.ID == 0 {
		t.Fatal("the demo should have closed meetings")
	}
	test.Tap(l.open[closed.ID])
	waitFor(t, u, "the meeting", func() bool { return u.panel.room != nil })
	r := u.panel.room
	if f := r.form(); f != nil && !f.update.Disabled() {
		t.Error("a closed meeting opens read-only")
	}
	test.Tap(r.back)
	waitFor(t, u, "the list", func() bool { return u.panel.room == nil && u.panel.obj.Objects[0] == l.obj })
}

// The mouse wheel over an entry of the record form scrolls the form (an
// entry would keep the wheel to itself and the form would stop).
func TestPanelWheelOverEntryScrollsForm(t *testing.T) {
	u, w := panelUI(t, demoStore(t))
	_, r := heldMeeting(t, u, inCare(u, 2)...)
	f := r.form()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.update)
	test.Scroll(w.Canvas(), pos.Add(fyne.NewPos(20, 20)), 0, -50)
	if r.right.Offset.Y != 50 {
		t.Errorf("the form scrolled to %v, want 50 down", r.right.Offset)
	}
}

// At 1024×700 the agenda and the meeting fit beside the navigation (as
// every screen does: TestScreensFitASmallLaptop).
func TestPanelFitsASmallLaptop(t *testing.T) {
	u, w := panelUI(t, demoStore(t))
	w.Resize(fyne.NewSize(1024, 700))
	_, r := heldMeeting(t, u, inCare(u, 2)...)
	if min := w.Content().MinSize(); min.Width > 1024 || min.Height > 700 {
		t.Errorf("the meeting needs %.0f×%.0f", min.Width, min.Height)
	}
	// The form leaves the child's figures and timeline a fair share.
	if lw := r.left.Size().Width; lw < 300 {
		t.Errorf("the child's figures are %.0f wide beside the form", lw)
	}
	pid, err := u.store.CreateMeeting(context.Background(), data.Meeting{Kind: data.PanelTracking, Date: testAsAt.AddDays(7)}, "test")
	if err != nil {
		t.Fatal(err)
	}
	u.panel.openMeeting(pid)
	waitFor(t, u, "the agenda", func() bool { return u.panel.builder != nil })
	if min := w.Content().MinSize(); min.Width > 1024 || min.Height > 700 {
		t.Errorf("the agenda needs %.0f×%.0f", min.Width, min.Height)
	}
}

// What an earlier meeting left open is brought into this meeting's record
// to close it: the escalation's outcome, an action done. Across meetings
// the escalation is then resolved and the action done.
func TestPanelBringInWhatWasLeftOpen(t *testing.T) {
	s := demoStore(t)
	u, _ := panelUI(t, s)
	ctx := context.Background()
	all, err := s.AllRecords(ctx)
	if err != nil {
		t.Fatal(err)
	}
	child := ""
	for _, c := range inCare(u, 1000) {
		if !slices.ContainsFunc(all, func(mr data.MeetingRecord) bool { return mr.Record.ChildID == c }) {
			child = c // no record of the demo's: nothing else is open
			break
		}
	}
	svc := panel.New(s, nil)
	earlier, err := s.CreateMeeting(ctx, data.Meeting{Kind: data.PanelTracking, Date: testAsAt.AddMonths(-1)}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.AddToAgenda(ctx, earlier, child); err != nil {
		t.Fatal(err)
	}
	patch, err := data.ParseRecordFile("setup", []byte(`{"decision": "Escalate",
		"actions": [{"what": "Apply for the placement order", "who": "Legal", "due": "2026-03-15"}],
		"escalation": {"to": "Head of Service", "why": "No legal planning meeting", "raised": "2026-02-28"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Save(ctx, earlier, child, "setup", patch, "test"); err != nil {
		t.Fatal(err)
	}
	_, r := heldMeeting(t, u, child)
	r.showChild(slices.Index(r.order, child))
	waitFor(t, u, "the child's figures", func() bool { return r.facts[child] != nil })
	f := r.form()
	if !f.carryEsc.Visible() || !f.carryActions.Visible() {
		t.Fatal("the open escalation and action of the earlier meeting should be offered")
	}
	test.Tap(f.carryEsc)
	if f.escTo.Text != "Head of Service" || f.escRaised.Text != "28/02/2026" {
		t.Errorf("the escalation brought in is to %q raised %q", f.escTo.Text, f.escRaised.Text)
	}
	test.Type(f.escOutcome, "Legal planning meeting booked")
	test.Type(f.escResolved, "20/03/2026")
	test.Tap(f.carryActions)
	if len(f.actions) != 1 || f.actions[0].what.Text != "Apply for the placement order" {
		t.Fatalf("%d actions brought in", len(f.actions))
	}
	a := f.actions[0]
	a.status.SetSelected("Done")
	test.Type(a.doneOn, "25/03/2026")
	waitFor(t, u, "the record to be saved", func() bool {
		for _, x := range record(t, s, r.m.ID, child).Actions {
			if x.What == "Apply for the placement order" && x.Status == data.ActionDone {
				return true
			}
		}
		return false
	})
	recs, err := s.AllRecords(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ce := range data.Escalations(recs) {
		if ce.ChildID == child && ce.Escalation.To == "Head of Service" && ce.Escalation.Raised == data.MustDate("2026-02-28") && (ce.Escalation.Open() || ce.Escalation.Resolved != data.MustDate("2026-03-20")) {
			t.Errorf("the escalation is %+v, want resolved on 20/03/2026", ce.Escalation)
		}
	}
	for _, ca := range data.Actions(recs) {
		if ca.ChildID == child && ca.Action.What == "Apply for the placement order" &&
			(ca.Action.Status != data.ActionDone || ca.Action.DoneOn != data.MustDate("2026-03-25")) {
			t.Errorf("the action is %+v, want done on 25/03/2026", ca.Action)
		}
	}
}

// Closing the window saves what was typed a moment ago first; with
// something that cannot be saved it asks before closing.
func TestPanelClosingTheWindowSaves(t *testing.T) {
	s := demoStore(t)
	u, w := panelUI(t, s)
	u.panel.autosaveDelay = time.Hour // only the close saves
	id, r := heldMeeting(t, u, inCare(u, 1)...)
	f, child := r.form(), r.child()
	test.Type(f.decision, "Agreed as the window closed")
	closed := false
	u.panel.beforeClosing(func() { closed = true })
	waitFor(t, u, "the window to close", func() bool { return closed })
	if got := record(t, s, id, child).Decision; got != "Agreed as the window closed" {
		t.Errorf("the record holds %q after closing", got)
	}

	test.Tap(f.addAction)
	test.Type(f.actions[len(f.actions)-1].what, "An action with no owner or date")
	closed = false
	u.panel.beforeClosing(func() { closed = true })
	waitFor(t, u, "the question", func() bool { return w.Canvas().Overlays().Top() != nil })
	if closed {
		t.Error("the window closed although the action could not be saved")
	}
}

// The papers come from the meeting on screen, with what was just typed in
// them: the decision typed a moment ago is in the child's record PDF.
func TestPanelPapers(t *testing.T) {
	s := demoStore(t)
	u, _ := panelUI(t, s)
	id, r := heldMeeting(t, u, inCare(u, 1)...)
	child := r.child()
	test.Type(r.form().decision, "Plan endorsed at the meeting")
	dir := t.TempDir()
	u.lastSaved = ""
	u.panel.writePapers(id, dir)
	waitFor(t, u, "the papers", func() bool { return u.lastSaved != "" || u.lastError != "" })
	if u.lastError != "" {
		t.Fatal(u.lastError)
	}
	want := []string{"agenda-" + testAsAt.String() + "-tracking.pdf", "agenda-" + testAsAt.String() + "-tracking.ics",
		"minutes-" + testAsAt.String() + "-tracking.xlsx", "record-" + child + "-" + testAsAt.String() + ".pdf"}
	for _, name := range want {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s was not written: %v", name, err)
		}
		if !strings.Contains(u.lastSaved, name) {
			t.Errorf("the message should name %s:\n%s", name, u.lastSaved)
		}
	}
	if rec := record(t, s, id, child); rec.Decision != "Plan endorsed at the meeting" {
		t.Errorf("what was typed was not saved before the papers were written: decision %q", rec.Decision)
	}
}
