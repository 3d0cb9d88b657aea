package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"permanence/data"
)

// newMeeting stores a planned meeting and returns its id.
func newMeeting(t *testing.T, s *Store, date string, kind data.PanelKind) int64 {
	t.Helper()
	id, err := s.CreateMeeting(context.Background(), data.Meeting{Date: d(date), Kind: kind, Chair: "Head of Service"}, "coordinator")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// moveMeeting moves a meeting on, failing the test if it cannot.
func moveMeeting(t *testing.T, s *Store, id int64, to data.MeetingStatus) {
	t.Helper()
	if err := s.SetMeetingStatus(context.Background(), id, to, "chair"); err != nil {
		t.Fatal(err)
	}
}

// fullRecord is a record with every field filled in, its text marked n so
// that two records of different n differ.
func fullRecord(meeting int64, child string, n string) data.PanelRecord {
	yes := true
	return data.PanelRecord{
		MeetingID: meeting, ChildID: child,
		Attended: &yes, UpdateBy: "Social worker " + n, Update: "Update " + n + "\nsecond line",
		ChildVoice: data.ChildVoice{Gathered: data.AnswerYes, Text: "Wants to stay " + n},
		Plan:       "Adoption", ParallelPlan: "Long-term fostering",
		Barriers:     []data.Barrier{data.BarrierCourtDelay, data.BarrierOther},
		BarrierOther: "Other " + n, EarlyPermanenceConsidered: data.AnswerNo, PreviousAdoptersConsidered: data.AnswerNotApplicable,
		Decision: "Decision " + n,
		Actions: []data.Action{
			{What: "Apply for placement order " + n, Who: "Team manager", Due: d("2026-12-31"), Status: data.ActionOpen},
			{What: "Later life letter", Who: "SW", Due: d("2026-10-01"), Status: data.ActionDone, DoneOn: d("2026-09-30")},
			{What: "Sibling assessment", Who: "SW", Due: d("2026-10-01"), Status: data.ActionDropped, Why: "Sibling placed"},
		},
		NextReview: d("2027-02-28"), NextReviewWhy: "",
		Escalation: &data.Escalation{To: "Head of Service", Why: "Court delay " + n, Raised: d("2026-11-28"), Outcome: "", Resolved: data.NoDate},
	}
}

// atClock sets the clock records and backups are stamped with.
func atClock(t *testing.T, at string) {
	tm, err := time.Parse(time.RFC3339, at)
	if err != nil {
		t.Fatal(err)
	}
	now = func() time.Time { return tm }
	t.Cleanup(func() { now = time.Now })
}

func TestMeetingLifecycle(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	atClock(t, "2026-11-28T09:00:00Z")
	id, err := s.CreateMeeting(ctx, data.Meeting{Date: d("2026-12-10"), Kind: data.PanelAdoption, Chair: " Jo Chair ",
		Attendees: "IRO: Sam\nLegal: Ali", Status: data.MeetingClosed, ID: 99}, "coordinator")
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Meeting(ctx, id)
	want := data.Meeting{ID: id, Date: d("2026-12-10"), Kind: data.PanelAdoption, Chair: "Jo Chair",
		Attendees: "IRO: Sam\nLegal: Ali", Status: data.MeetingPlanned}
	if err != nil || m != want {
		t.Fatalf("stored meeting %+v (%v), want %+v: a new meeting is planned, whatever the status given", m, err, want)
	}

	// Only planned → held → closed; each refusal leaves the status as it was.
	for _, tc := range []struct {
		to   data.MeetingStatus
		ok   bool
		then data.MeetingStatus
	}{
		{data.MeetingPlanned, false, data.MeetingPlanned},
		{data.MeetingClosed, false, data.MeetingPlanned}, // a step skipped
		{"cancelled", false, data.MeetingPlanned},
		{data.MeetingHeld, true, data.MeetingHeld},
		{data.MeetingHeld, false, data.MeetingHeld},
		{data.MeetingPlanned, false, data.MeetingHeld}, // back
		{data.MeetingClosed, true, data.MeetingClosed},
		{data.MeetingHeld, false, data.MeetingClosed},
		{data.MeetingClosed, false, data.MeetingClosed},
	} {
		if tc.to == data.MeetingClosed && tc.ok {
			atClock(t, "2026-12-10T15:30:00Z")
		}
		err := s.SetMeetingStatus(ctx, id, tc.to, "chair-"+string(tc.to))
		if tc.ok != (err == nil) || (!tc.ok && !errors.Is(err, ErrStatusChange)) {
			t.Errorf("%s → %s: error %v, want ok %v", tc.then, tc.to, err, tc.ok)
		}
		if m, _ := s.Meeting(ctx, id); m.Status != tc.then {
			t.Errorf("after asking for %s: status %s, want %s", tc.to, m.Status, tc.then)
		}
	}
	st, err := s.MeetingStamps(ctx, id)
	wantSt := MeetingStamps{CreatedBy: "coordinator", CreatedAt: "2026-11-28T09:00:00Z",
		HeldBy: "chair-held", HeldAt: "2026-11-28T09:00:00Z", ClosedBy: "chair-closed", ClosedAt: "2026-12-10T15:30:00Z"}
	if err != nil || st != wantSt {
		t.Errorf("stamps %+v (%v), want %+v", st, err, wantSt)
	}

	// A closed meeting's details are final too.
	m.Chair = "Someone else"
	if err := s.UpdateMeeting(ctx, m); !errors.Is(err, ErrMeetingClosed) {
		t.Errorf("update of a closed meeting: %v, want ErrMeetingClosed", err)
	}
}

func TestUnknownMeeting(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	check := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, ErrNoMeeting) || !strings.Contains(err.Error(), "panel meeting 42") {
			t.Errorf("%s: %v, want ErrNoMeeting naming meeting 42", what, err)
		}
	}
	_, err := s.Meeting(ctx, 42)
	check("Meeting", err)
	check("SetMeetingStatus", s.SetMeetingStatus(ctx, 42, data.MeetingHeld, "x"))
	check("AddToAgenda", s.AddToAgenda(ctx, 42, "C1"))
	_, err = s.SaveRecord(ctx, data.PanelRecord{MeetingID: 42, ChildID: "C1"}, "x")
	check("SaveRecord", err)
	_, _, err = s.Record(ctx, 42, "C1")
	check("Record", err)
	_, err = s.RecordHistory(ctx, 42, "C1")
	check("RecordHistory", err)
	_, err = s.StoredAgenda(ctx, 42)
	check("StoredAgenda", err)
	check("UpdateMeeting", s.UpdateMeeting(ctx, data.Meeting{ID: 42, Date: d("2026-01-01")}))
}

func TestCreateMeetingRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.CreateMeeting(ctx, data.Meeting{Kind: data.PanelTracking}, "x"); err == nil || !strings.Contains(err.Error(), "date") {
		t.Errorf("no date: %v", err)
	}
	if _, err := s.CreateMeeting(ctx, data.Meeting{Date: d("2026-01-01"), Kind: "fostering"}, "x"); err == nil || !strings.Contains(err.Error(), "not a panel kind") {
		t.Errorf("bad kind: %v", err)
	}
	if ms, _ := s.Meetings(ctx); len(ms) != 0 {
		t.Errorf("refused meetings were stored: %+v", ms)
	}
}

func TestMeetingsByDateAndUpdate(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	b := newMeeting(t, s, "2026-03-12", data.PanelTracking)
	c := newMeeting(t, s, "2026-05-01", data.PanelAdoption)
	a := newMeeting(t, s, "2026-01-15", data.PanelAll)
	ms, err := s.Meetings(ctx)
	if err != nil || len(ms) != 3 || ms[0].ID != a || ms[1].ID != b || ms[2].ID != c {
		t.Fatalf("meetings %+v (%v), want ids %d, %d, %d by date", ms, err, a, b, c)
	}
	// A planned meeting moves to another date, chair and attendees.
	if err := s.UpdateMeeting(ctx, data.Meeting{ID: c, Date: d("2026-01-02"), Chair: "New chair", Attendees: "IRO"}); err != nil {
		t.Fatal(err)
	}
	ms, _ = s.Meetings(ctx)
	if ms[0].ID != c || ms[0].Chair != "New chair" || ms[0].Attendees != "IRO" || ms[0].Date != d("2026-01-02") || ms[0].Kind != data.PanelAdoption {
		t.Errorf("after the update: %+v", ms[0])
	}
	// Its kind cannot change here, nor its status.
	if err := s.UpdateMeeting(ctx, data.Meeting{ID: c, Date: d("2026-01-02"), Kind: data.PanelTracking}); err == nil || !strings.Contains(err.Error(), "kind cannot change") {
		t.Errorf("kind change: %v", err)
	}
	if err := s.UpdateMeeting(ctx, data.Meeting{ID: c, Date: d("2026-01-02"), Status: data.MeetingHeld}); err == nil {
		t.Error("status change through UpdateMeeting was accepted")
	}
	if m, _ := s.Meeting(ctx, c); m.Kind != data.PanelAdoption || m.Status != data.MeetingPlanned {
		t.Errorf("refused updates changed the meeting: %+v", m)
	}
}

// agendaOf is a meeting's stored agenda as "child:flags" strings, flags
// being + (added), - (removed), * (frozen), in position order.
func agendaOf(t *testing.T, s *Store, id int64) string {
	t.Helper()
	es, err := s.StoredAgenda(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, e := range es {
		if e.Position != i {
			t.Errorf("entry %d (%s) has position %d", i, e.ChildID, e.Position)
		}
		f := e.ChildID
		if e.Added {
			f += "+"
		}
		if e.Removed {
			f += "-"
		}
		if e.Frozen {
			f += "*"
		}
		out = append(out, f)
	}
	return strings.Join(out, " ")
}

func TestAgendaEditing(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id := newMeeting(t, s, "2026-12-10", data.PanelTracking)
	step := func(what string, err error, want string) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if got := agendaOf(t, s, id); got != want {
			t.Errorf("after %s: agenda %q, want %q", what, got, want)
		}
	}
	step("add A", s.AddToAgenda(ctx, id, "A"), "A+")
	step("add B", s.AddToAgenda(ctx, id, "B"), "A+ B+")
	step("add C", s.AddToAgenda(ctx, id, "C"), "A+ B+ C+")
	step("add A again", s.AddToAgenda(ctx, id, "A"), "A+ B+ C+")
	// S is a suggestion, not stored: removing it stores it removed.
	step("remove suggestion S", s.RemoveFromAgenda(ctx, id, "S"), "A+ B+ C+ S-")
	step("remove B", s.RemoveFromAgenda(ctx, id, "B"), "A+ B+- C+ S-")
	// Moves count the lines shown (not removed): A C → C A.
	step("move C first", s.MoveAgendaLine(ctx, id, "C", 0), "C+ A+ B+- S-")
	step("move C past the end", s.MoveAgendaLine(ctx, id, "C", 99), "A+ C+ B+- S-")
	// A re-added suggestion comes back, added by hand.
	step("add S again", s.AddToAgenda(ctx, id, "S"), "A+ C+ B+- S+")
	step("move S to the middle", s.MoveAgendaLine(ctx, id, "S", 1), "A+ S+ C+ B+-")
	for _, child := range []string{"B", "Z"} { // removed, and never stored
		if err := s.MoveAgendaLine(ctx, id, child, 0); !errors.Is(err, ErrNotOnAgenda) {
			t.Errorf("move %s: %v, want ErrNotOnAgenda", child, err)
		}
	}
	// The order shown, suggestions T and U among the stored lines.
	step("set the order", s.SetAgendaOrder(ctx, id, []string{"T", "C", "A", "U"}), "T C+ A+ U S+ B+-")
	if err := s.SetAgendaOrder(ctx, id, []string{"A", "A"}); err == nil {
		t.Error("an order listing A twice was accepted")
	}
	if err := s.AddToAgenda(ctx, id, " "); err == nil {
		t.Error("an empty child ID was added")
	}

	// A child with a record keeps their line.
	if _, err := s.SaveRecord(ctx, fullRecord(id, "C", "1"), "sw"); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveFromAgenda(ctx, id, "C"); !errors.Is(err, ErrHasRecord) {
		t.Errorf("remove C with a record: %v, want ErrHasRecord", err)
	}
	// A record saved for a child not on the agenda puts them on it, added.
	if _, err := s.SaveRecord(ctx, fullRecord(id, "V", "1"), "sw"); err != nil {
		t.Fatal(err)
	}
	if got, want := agendaOf(t, s, id), "T C+ A+ U S+ B+- V+"; got != want {
		t.Errorf("after a record for V: %q, want %q", got, want)
	}

	// Closed: the agenda is final.
	moveMeeting(t, s, id, data.MeetingHeld)
	moveMeeting(t, s, id, data.MeetingClosed)
	for what, err := range map[string]error{
		"add":    s.AddToAgenda(ctx, id, "W"),
		"remove": s.RemoveFromAgenda(ctx, id, "A"),
		"move":   s.MoveAgendaLine(ctx, id, "A", 0),
		"order":  s.SetAgendaOrder(ctx, id, []string{"A"}),
		"freeze": s.FreezeAgenda(ctx, id, nil),
	} {
		if !errors.Is(err, ErrMeetingClosed) {
			t.Errorf("%s on a closed meeting: %v, want ErrMeetingClosed", what, err)
		}
	}
	if got, want := agendaOf(t, s, id), "T C+ A+ U S+ B+- V+"; got != want {
		t.Errorf("a closed meeting's agenda changed: %q, want %q", got, want)
	}
}

func TestFreezeAgenda(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id := newMeeting(t, s, "2026-12-10", data.PanelAdoption)
	for _, c := range []string{"H", "R"} {
		if err := s.AddToAgenda(ctx, id, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RemoveFromAgenda(ctx, id, "R"); err != nil {
		t.Fatal(err)
	}
	// The agenda held: two suggestions (P, Q) and H, whom the caller left
	// out; R stays removed.
	lines := []data.AgendaLine{
		{ChildID: "Q", Reasons: []data.Reason{data.ReasonReviewDue, data.ReasonNewDrift}, Time: "10:00",
			Detail: []string{"Review due: 01/12/2026", "New drift: proceedings over 26 weeks"}},
		{ChildID: "P", Reasons: []data.Reason{data.ReasonNotYetSeen}, Time: "10:20"},
	}
	if err := s.HoldMeeting(ctx, id, lines, "chair"); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.Meeting(ctx, id); m.Status != data.MeetingHeld {
		t.Errorf("after HoldMeeting the meeting is %s", m.Status)
	}
	// Holding it again is refused, and stores nothing of the new lines.
	again := []data.AgendaLine{{ChildID: "X", Reasons: []data.Reason{data.ReasonDisruption}}}
	if err := s.HoldMeeting(ctx, id, again, "chair"); !errors.Is(err, ErrStatusChange) {
		t.Errorf("holding a held meeting: %v, want ErrStatusChange", err)
	}
	es, err := s.StoredAgenda(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := []AgendaEntry{
		{ChildID: "Q", Position: 0, Frozen: true, Reasons: []data.Reason{"review_due", "new_drift"}, Time: "10:00",
			Detail: []string{"Review due: 01/12/2026", "New drift: proceedings over 26 weeks"}},
		{ChildID: "P", Position: 1, Frozen: true, Reasons: []data.Reason{"not_yet_seen"}, Time: "10:20"},
		{ChildID: "H", Position: 2, Added: true},
		{ChildID: "R", Position: 3, Added: true, Removed: true},
	}
	if !reflect.DeepEqual(es, want) {
		t.Errorf("frozen agenda\n%+v\nwant\n%+v", es, want)
	}
	// A child added while held is on it, not frozen.
	if err := s.AddToAgenda(ctx, id, "N"); err != nil {
		t.Fatal(err)
	}
	if got, want := agendaOf(t, s, id), "Q* P* H+ R+- N+"; got != want {
		t.Errorf("after adding N while held: %q, want %q", got, want)
	}
}

func TestHasChild(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	saveRows(t, s, data.KindTracker, "jan.csv", d("2026-01-31"), data.Child{ID: "A1"})
	for child, want := range map[string]bool{"A1": true, "A": false, "a1": false, "": false} {
		if got, err := s.HasChild(ctx, child); got != want || err != nil {
			t.Errorf("HasChild(%q) = %v (%v), want %v", child, got, err, want)
		}
	}
}

func TestSaveRecordKeepsVersions(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id := newMeeting(t, s, "2026-12-10", data.PanelTracking)
	moveMeeting(t, s, id, data.MeetingHeld)
	if _, found, err := s.Record(ctx, id, "C1"); found || err != nil {
		t.Fatalf("a record before any save: found %v (%v)", found, err)
	}

	atClock(t, "2026-12-10T10:01:02Z")
	r1 := fullRecord(id, "C1", "one")
	if saved, err := s.SaveRecord(ctx, r1, "alice"); !saved || err != nil {
		t.Fatalf("first save: %v %v", saved, err)
	}
	// Autosave of the same record: nothing new, whoever and whenever.
	atClock(t, "2026-12-10T10:01:07Z")
	if saved, err := s.SaveRecord(ctx, r1, "bob"); saved || err != nil {
		t.Fatalf("identical save: saved %v (%v), want nothing written", saved, err)
	}
	r2 := fullRecord(id, "C1", "two")
	r2.Barriers = []data.Barrier{data.BarrierSiblings}
	atClock(t, "2026-12-10T10:05:00Z")
	if saved, err := s.SaveRecord(ctx, r2, "bob"); !saved || err != nil {
		t.Fatalf("second save: %v %v", saved, err)
	}
	got, found, err := s.Record(ctx, id, "C1")
	if err != nil || !found || !reflect.DeepEqual(got, r2) {
		t.Errorf("current record\n%+v (%v %v)\nwant\n%+v", got, found, err, r2)
	}
	hist, err := s.RecordHistory(ctx, id, "C1")
	if err != nil {
		t.Fatal(err)
	}
	want := []data.RecordVersion{
		{Version: 1, Who: "alice", At: "2026-12-10T10:01:02Z", Record: r1},
		{Version: 2, Who: "bob", At: "2026-12-10T10:05:00Z", Record: r2},
	}
	if !reflect.DeepEqual(hist, want) {
		t.Errorf("history\n%+v\nwant\n%+v", hist, want)
	}
	// Who is the operating system's user when not given.
	if _, err := s.SaveRecord(ctx, fullRecord(id, "C1", "three"), ""); err != nil {
		t.Fatal(err)
	}
	if hist, _ := s.RecordHistory(ctx, id, "C1"); len(hist) != 3 || hist[2].Who != OSUser() || hist[2].Who == "" {
		t.Errorf("a save with no who: %+v, want the OS user %q", hist[len(hist)-1], OSUser())
	}
	// The current row says who and when, and the next review date.
	var by, at, next string
	var version int
	if err := s.db.QueryRow("SELECT version, updated_by, updated_at, next_review FROM panel_records WHERE meeting_id = ? AND child_id = 'C1'", id).Scan(&version, &by, &at, &next); err != nil {
		t.Fatal(err)
	}
	if version != 3 || by != OSUser() || at != "2026-12-10T10:05:00Z" || next != "2027-02-28" {
		t.Errorf("current row: version %d by %q at %q next review %q", version, by, at, next)
	}
}

func TestClosedMeetingRecordsAreAmended(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id := newMeeting(t, s, "2026-12-10", data.PanelTracking)
	moveMeeting(t, s, id, data.MeetingHeld)
	r1 := fullRecord(id, "C1", "one")
	if _, err := s.SaveRecord(ctx, r1, "alice"); err != nil {
		t.Fatal(err)
	}
	r2 := fullRecord(id, "C1", "amended")
	if _, err := s.AmendRecord(ctx, r2, "alice", "typo"); !errors.Is(err, ErrNotClosed) {
		t.Errorf("amendment of a held meeting: %v, want ErrNotClosed", err)
	}
	moveMeeting(t, s, id, data.MeetingClosed)

	_, err := s.SaveRecord(ctx, r2, "alice")
	if !errors.Is(err, ErrMeetingClosed) || !strings.Contains(err.Error(), "amendment") || !strings.Contains(err.Error(), "reason") {
		t.Errorf("save to a closed meeting: %v, want ErrMeetingClosed saying to amend with a reason", err)
	}
	// A new child's record is refused too.
	if _, err := s.SaveRecord(ctx, fullRecord(id, "C2", "x"), "alice"); !errors.Is(err, ErrMeetingClosed) {
		t.Errorf("new record at a closed meeting: %v", err)
	}
	for _, why := range []string{"", "  \n"} {
		if _, err := s.AmendRecord(ctx, r2, "alice", why); !errors.Is(err, ErrNoReason) {
			t.Errorf("amendment with why %q: %v, want ErrNoReason", why, err)
		}
	}
	if hist, _ := s.RecordHistory(ctx, id, "C1"); len(hist) != 1 {
		t.Fatalf("refused changes wrote versions: %+v", hist)
	}
	atClock(t, "2027-01-05T08:00:00Z")
	if saved, err := s.AmendRecord(ctx, r2, "bob", " The decision was minuted wrongly "); !saved || err != nil {
		t.Fatalf("amendment: %v %v", saved, err)
	}
	if saved, err := s.AmendRecord(ctx, r2, "bob", "again"); saved || err != nil {
		t.Errorf("amendment to the same record: saved %v (%v), want nothing written", saved, err)
	}
	hist, err := s.RecordHistory(ctx, id, "C1")
	if err != nil || len(hist) != 2 {
		t.Fatalf("history %+v (%v)", hist, err)
	}
	if h := hist[1]; h.Version != 2 || h.Who != "bob" || h.At != "2027-01-05T08:00:00Z" || h.Why != "The decision was minuted wrongly" || !reflect.DeepEqual(h.Record, r2) {
		t.Errorf("amendment kept as %+v", h)
	}
	if hist[0].Why != "" || !reflect.DeepEqual(hist[0].Record, r1) {
		t.Errorf("the first version changed: %+v", hist[0])
	}
	if got, _, _ := s.Record(ctx, id, "C1"); !reflect.DeepEqual(got, r2) {
		t.Errorf("current record after the amendment: %+v", got)
	}
}

func TestRecordsAndAllRecords(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	later := newMeeting(t, s, "2026-12-10", data.PanelTracking)
	earlier := newMeeting(t, s, "2026-11-12", data.PanelAdoption)
	for _, c := range []string{"Z", "B"} {
		if err := s.AddToAgenda(ctx, later, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []data.PanelRecord{fullRecord(later, "B", "1"), fullRecord(earlier, "Q", "1"), fullRecord(later, "Z", "1"), fullRecord(later, "A", "1")} {
		if _, err := s.SaveRecord(ctx, r, "sw"); err != nil {
			t.Fatal(err)
		}
	}
	recs, err := s.Records(ctx, later)
	var kids []string
	for _, r := range recs {
		kids = append(kids, r.ChildID)
		if r.MeetingID != later {
			t.Errorf("record of %s says meeting %d", r.ChildID, r.MeetingID)
		}
	}
	// Agenda order: Z and B as added, then A, put on the agenda by its record.
	if err != nil || strings.Join(kids, " ") != "Z B A" {
		t.Errorf("records of the later meeting: %v (%v), want Z B A", kids, err)
	}
	all, err := s.AllRecords(ctx)
	var got []string
	for _, mr := range all {
		got = append(got, mr.Meeting.Date.String()+"/"+string(mr.Meeting.Kind)+"/"+mr.Record.ChildID)
	}
	want := "2026-11-12/adoption/Q 2026-12-10/tracking/Z 2026-12-10/tracking/B 2026-12-10/tracking/A"
	if err != nil || strings.Join(got, " ") != want {
		t.Errorf("all records %v (%v), want %s", got, err, want)
	}
	if len(all) == 4 && !reflect.DeepEqual(all[0].Record, fullRecord(earlier, "Q", "1")) {
		t.Errorf("AllRecords' record: %+v", all[0].Record)
	}
}

// TestStoredRecordShape: a record is stored as panel.md's record file
// (JSON), the meeting and child being the row's; these bytes, written by
// hand, read as the record written out below.
func TestStoredRecordShape(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id := newMeeting(t, s, "2026-12-10", data.PanelTracking)
	stored := `{"attended":false,"update_by":"IRO","update":"Placement stable","child_voice":{"gathered":"not_appropriate"},` +
		`"plan":"Special guardianship order","barriers":["court_delay","siblings"],"decision":"Endorse SGO",` +
		`"actions":[{"what":"File SGO application","who":"Legal","due":"2027-01-15","status":"open"}],` +
		`"next_review":"2027-03-10","escalation":{"to":"Head of Service","why":"Delay","raised":"2026-12-10"}}`
	mustExec(t, s.db, "INSERT INTO panel_records (meeting_id, child_id, version, record, updated_by, updated_at) VALUES (?, 'K9', 1, ?, 'x', 'y')", id, stored)
	no := false
	want := data.PanelRecord{MeetingID: id, ChildID: "K9", Attended: &no, UpdateBy: "IRO", Update: "Placement stable",
		ChildVoice: data.ChildVoice{Gathered: data.AnswerNotAppropriate}, Plan: "Special guardianship order",
		Barriers: []data.Barrier{data.BarrierCourtDelay, data.BarrierSiblings}, Decision: "Endorse SGO",
		Actions:    []data.Action{{What: "File SGO application", Who: "Legal", Due: d("2027-01-15"), Status: data.ActionOpen}},
		NextReview: d("2027-03-10"), Escalation: &data.Escalation{To: "Head of Service", Why: "Delay", Raised: d("2026-12-10")}}
	got, found, err := s.Record(ctx, id, "K9")
	if err != nil || !found || !reflect.DeepEqual(got, want) {
		t.Fatalf("stored bytes read as\n%+v (%v %v)\nwant\n%+v", got, found, err, want)
	}
	// Saved again unchanged, it is the same record: no version is written.
	mustExec(t, s.db, "INSERT INTO panel_record_versions (meeting_id, child_id, version, record, saved_by, saved_at) VALUES (?, 'K9', 1, ?, 'x', 'y')", id, stored)
	if saved, err := s.SaveRecord(ctx, want, "sw"); saved || err != nil {
		t.Errorf("saving the stored record again: saved %v (%v)", saved, err)
	}
}

// TestPanelRowsAreNeverDeleted: the schema itself refuses to delete what
// the panel typed, or to change a kept version.
func TestPanelRowsAreNeverDeleted(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id := newMeeting(t, s, "2026-12-10", data.PanelTracking)
	if _, err := s.SaveRecord(ctx, fullRecord(id, "C1", "1"), "sw"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"DELETE FROM panel_record_versions",
		"UPDATE panel_record_versions SET record = '{}'",
		"DELETE FROM panel_records",
		"DELETE FROM panel_agenda",
		"DELETE FROM panel_meetings",
	} {
		if _, err := s.db.Exec(q); err == nil || !strings.Contains(err.Error(), "never") {
			t.Errorf("%s: %v, want a refusal", q, err)
		}
	}
	if hist, _ := s.RecordHistory(ctx, id, "C1"); len(hist) != 1 || hist[0].Record.Decision != "Decision 1" {
		t.Errorf("history after the refused statements: %+v", hist)
	}
}
