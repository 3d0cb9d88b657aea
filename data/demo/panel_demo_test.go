package demo

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"permanence/data"
	"permanence/data/internal/testkit"
	"permanence/data/panel"
	"permanence/data/store"
	"permanence/data/tracker"
)

// panelDemo is the demo authority of the panel tests: the app's default
// size, two years of extracts to 31 March 2026.
var panelDemo = DemoOptions{Children: 600, Months: 24, Seed: 7, End: testkit.D("2026-03-31")}

// TestDemoPanel: the demo authority comes with a year of both panels'
// meetings, records, actions, escalations and barriers, each made by the
// rules and passing the record checks, and an upcoming meeting of each
// kind.
func TestDemoPanel(t *testing.T) {
	ctx := context.Background()
	s := testkit.OpenStore(t)
	start := time.Now()
	if err := LoadDemo(ctx, s, panelDemo, nil); err != nil {
		t.Fatal(err)
	}
	t.Logf("LoadDemo of %d children, %d months with the panel: %v", panelDemo.Children, panelDemo.Months, time.Since(start))
	end := panelDemo.End
	svc := panel.New(s, &testStates{s: s})
	meetings, err := s.Meetings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.AllRecords(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byMeeting := map[int64][]data.PanelRecord{}
	for _, mr := range all {
		byMeeting[mr.Meeting.ID] = append(byMeeting[mr.Meeting.ID], mr.Record)
	}

	t.Run("meetings", func(t *testing.T) {
		closed := map[data.PanelKind]int{}
		planned := map[data.PanelKind][]data.Meeting{}
		held := 0
		for _, m := range meetings {
			wd := m.Date.Time().Weekday()
			if want := map[data.PanelKind]time.Weekday{data.PanelTracking: time.Tuesday, data.PanelAdoption: time.Thursday}[m.Kind]; wd != want {
				t.Errorf("%s on a %s, want %s", m.Title(), wd, want)
			}
			if m.Chair == "" || !strings.Contains(m.Attendees, "(Chair): ") || !strings.Contains(m.Attendees, "Panel co-ordinator: ") {
				t.Errorf("%s: chair %q, attendees %q", m.Title(), m.Chair, m.Attendees)
			}
			switch m.Status {
			case data.MeetingClosed:
				closed[m.Kind]++
			case data.MeetingHeld:
				held++
			case data.MeetingPlanned:
				planned[m.Kind] = append(planned[m.Kind], m)
			}
			if m.Status == data.MeetingPlanned {
				if m.Date <= end {
					t.Errorf("planned %s is not after the latest extract (%s)", m.Title(), end)
				}
				if len(byMeeting[m.ID]) != 0 {
					t.Errorf("planned %s has records", m.Title())
				}
				continue
			}
			if m.Date >= end || m.Date <= end.AddMonths(-12) {
				t.Errorf("%s (%s) is outside the year before the latest extract", m.Title(), m.Status)
			}
			if n := len(byMeeting[m.ID]); n < 1 || n > 15 {
				t.Errorf("%s: %d records, want 1 to 15", m.Title(), n)
			}
		}
		for _, k := range []data.PanelKind{data.PanelTracking, data.PanelAdoption} {
			if closed[k] < 10 {
				t.Errorf("%d closed %s meetings in the year, want 10 or more", closed[k], k)
			}
			if len(planned[k]) != 1 {
				t.Fatalf("%d planned %s meetings, want 1", len(planned[k]), k)
			}
			ag, err := svc.Agenda(ctx, planned[k][0].ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(ag.Lines) == 0 {
				t.Errorf("the upcoming %s has an empty agenda", planned[k][0].Title())
			}
		}
		if held > 1 {
			t.Errorf("%d meetings left held, want the latest at most", held)
		}
	})

	// Each past meeting's agenda is what the rules suggested for its date
	// (every child with the reasons the suggestion gives them), and every
	// child on it has a record.
	t.Run("agendas from the rules", func(t *testing.T) {
		for _, m := range meetings {
			if m.Status == data.MeetingPlanned {
				continue
			}
			ag, err := svc.Agenda(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			sug, err := svc.Suggest(ctx, m.Kind, m.Date)
			if err != nil {
				t.Fatal(err)
			}
			reasons := map[string][]data.Reason{}
			for _, l := range sug.Lines {
				reasons[l.ChildID] = l.Reasons
			}
			var onAgenda []string
			for _, l := range ag.Lines {
				onAgenda = append(onAgenda, l.ChildID)
				if want, ok := reasons[l.ChildID]; !ok || !reflect.DeepEqual(l.Reasons, want) || l.Time == "" {
					t.Errorf("%s: child %s held with reasons %v at %q; the rules suggest %v", m.Title(), l.ChildID, l.Reasons, l.Time, want)
				}
			}
			var recorded []string
			for _, r := range byMeeting[m.ID] {
				recorded = append(recorded, r.ChildID)
			}
			slices.Sort(onAgenda)
			slices.Sort(recorded)
			if !slices.Equal(onAgenda, recorded) {
				t.Errorf("%s: agenda %v, records %v", m.Title(), onAgenda, recorded)
			}
		}
	})

	t.Run("records", func(t *testing.T) {
		states := map[data.Date]map[string]*data.Child{}
		stateAt := func(d data.Date) map[string]*data.Child {
			if states[d] == nil {
				cs, err := s.StateAt(ctx, d)
				if err != nil {
					t.Fatal(err)
				}
				states[d] = map[string]*data.Child{}
				for i := range cs {
					states[d][cs[i].ID] = &cs[i]
				}
			}
			return states[d]
		}
		barriers := map[data.Barrier]int{}
		kindBarriers := map[data.PanelKind]map[data.Barrier]int{data.PanelTracking: {}, data.PanelAdoption: {}}
		none, differs, notAttended, escalated := 0, 0, 0, 0
		for _, mr := range all {
			m, r := mr.Meeting, mr.Record
			where := m.Title() + ", child " + r.ChildID
			js, err := r.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := data.ParseRecordFile("record.json", js); err != nil {
				t.Errorf("%s: refused as a record file: %v", where, err)
			}
			if err := data.CheckRecordAt("record.json", m.Date, &r); err != nil {
				t.Errorf("%s: %v", where, err)
			}
			hist, err := s.RecordHistory(ctx, m.ID, r.ChildID)
			if err != nil || len(hist) != 1 || hist[0].Who != DemoUser {
				t.Errorf("%s: history %+v, %v; want one version by %q", where, hist, err, DemoUser)
			}
			c := stateAt(m.Date)[r.ChildID]
			if c == nil || !m.Kind.InCohort(c, m.Date) {
				t.Fatalf("%s: not in the %s cohort at the meeting", where, m.Kind)
			}
			if r.Attended == nil || r.UpdateBy == "" || r.Update == "" || r.Decision == "" || r.Plan == "" {
				t.Errorf("%s: incomplete record %+v", where, r)
			}
			if !*r.Attended {
				notAttended++
			}
			if c.Name != "" && (strings.Contains(r.Update, c.Name) || strings.Contains(r.Decision, c.Name)) {
				t.Errorf("%s: the update names the child", where)
			}
			under4 := c.DOB.AddMonths(48) > m.Date
			if (r.ChildVoice.Gathered == data.AnswerNotAppropriate) != under4 {
				t.Errorf("%s: born %s, child's voice %q", where, c.DOB, r.ChildVoice.Gathered)
			}
			adoption := r.PlanCategory() == data.PlanAdoption
			if (r.EarlyPermanenceConsidered != "") != adoption || (r.PreviousAdoptersConsidered != "") != adoption {
				t.Errorf("%s: plan %q, early permanence %q, previous adopters %q", where, r.Plan, r.EarlyPermanenceConsidered, r.PreviousAdoptersConsidered)
			}
			if r.PlanDiffers(c) {
				differs++
			}
			if len(r.Barriers) == 0 {
				none++
			}
			for _, b := range r.Barriers {
				barriers[b]++
				kindBarriers[m.Kind][b]++
			}
			if len(r.Actions) < 1 || len(r.Actions) > 3 {
				t.Errorf("%s: %d actions, want 1 to 3", where, len(r.Actions))
			}
			for _, a := range r.Actions {
				if d := data.Days(m.Date, a.Due); d < 14 || d > 56 {
					t.Errorf("%s: action %q due %s, %d days after the meeting", where, a.What, a.Due, d)
				}
				if a.Status == data.ActionDone && (a.DoneOn <= m.Date || a.DoneOn > end) {
					t.Errorf("%s: action %q done on %s, not between the meeting and the latest extract", where, a.What, a.DoneOn)
				}
			}
			want, err := svc.NextReview(ctx, m, r.ChildID)
			if err != nil {
				t.Fatal(err)
			}
			switch e := r.Escalation; {
			case e != nil:
				escalated++
				if e.Raised != m.Date || e.To == "" || e.Why == "" {
					t.Errorf("%s: escalation %+v", where, *e)
				}
				if !e.Open() && (e.Resolved > end || e.Resolved < e.Raised) {
					t.Errorf("%s: escalation resolved %s", where, e.Resolved)
				}
				if r.NextReview != m.Date.AddMonths(3) {
					t.Errorf("%s: escalated, next review %s, want 3 months on", where, r.NextReview)
				}
			case r.NextReviewWhy != "":
			case r.NextReview != want:
				t.Errorf("%s: next review %s, the service's default %s", where, r.NextReview, want)
			}
		}
		n := len(all)
		t.Logf("%d records: no barrier %d, plan differs %d, not attended %d, escalated %d; barriers %v", n, none, differs, notAttended, escalated, barriers)
		if n < 150 {
			t.Errorf("%d records over the year, want 150 or more", n)
		}
		if share := float64(none) / float64(n); share < 0.15 || share > 0.45 {
			t.Errorf("%.0f%% of records have no barrier, want about 30%%", 100*share)
		}
		if len(barriers) < 6 {
			t.Errorf("barriers of %d kinds, want 6 or more: %v", len(barriers), barriers)
		}
		if kindBarriers[data.PanelAdoption][data.BarrierFamilyFinding] == 0 || kindBarriers[data.PanelAdoption][data.BarrierCourtDelay] == 0 {
			t.Errorf("adoption panel barriers %v: no family finding or no court delay", kindBarriers[data.PanelAdoption])
		}
		if kindBarriers[data.PanelTracking][data.BarrierPlacementSufficiency] == 0 || kindBarriers[data.PanelTracking][data.BarrierAssessmentDelay] == 0 {
			t.Errorf("tracking panel barriers %v: no placement sufficiency or no assessment delay", kindBarriers[data.PanelTracking])
		}
		if differs == 0 || differs > n/5 {
			t.Errorf("%d of %d records endorse a plan other than the extract's, want a few", differs, n)
		}
		if share := float64(escalated) / float64(n); share < 0.03 || share > 0.15 {
			t.Errorf("%.1f%% of records escalate, want about 8%%", 100*share)
		}
	})

	t.Run("actions and escalations at the latest extract", func(t *testing.T) {
		count := map[string]int{}
		for _, ca := range data.Actions(all) {
			switch a := ca.Action; {
			case a.OverdueAt(end):
				count["overdue"]++
			case a.Status == data.ActionOpen:
				count["open"]++
			default:
				count[string(a.Status)]++
			}
		}
		esc := map[bool]int{}
		for _, ce := range data.Escalations(all) {
			esc[ce.Escalation.Open()]++
		}
		t.Logf("actions %v; escalations open %d, resolved %d", count, esc[true], esc[false])
		if count["overdue"] == 0 || count["done"] == 0 || count["dropped"] == 0 {
			t.Errorf("actions %v: want some overdue, some done and some dropped", count)
		}
		if count["done"] < count["overdue"]+count["open"] {
			t.Errorf("actions %v: want most done", count)
		}
		if esc[true] == 0 || esc[false] == 0 || esc[false] < esc[true] {
			t.Errorf("escalations: %d open, %d resolved; want a few open, most resolved", esc[true], esc[false])
		}
	})

	t.Run("loading again adds nothing", func(t *testing.T) {
		if err := LoadDemo(ctx, s, panelDemo, nil); err != nil {
			t.Fatal(err)
		}
		again, _ := s.Meetings(ctx)
		recs, _ := s.AllRecords(ctx)
		if !reflect.DeepEqual(again, meetings) || !reflect.DeepEqual(recs, all) {
			t.Errorf("loading the demo again: %d meetings and %d records, was %d and %d", len(again), len(recs), len(meetings), len(all))
		}
	})
}

// testStates keeps the states the store gives for each date asked.
type testStates struct {
	s    *store.Store
	seen map[data.Date][]data.Child
}

func (c *testStates) State(ctx context.Context, a data.Date) ([]data.Child, error) {
	if all, ok := c.seen[a]; ok {
		return all, nil
	}
	all, err := c.s.StateAt(ctx, a)
	if c.seen == nil {
		c.seen = map[data.Date][]data.Child{}
	}
	c.seen[a] = all
	return all, err
}

// demoPanelOf loads a small demo authority and returns its meetings and
// records.
func demoPanelOf(t *testing.T, o DemoOptions) ([]data.Meeting, []data.MeetingRecord) {
	t.Helper()
	ctx := context.Background()
	s := testkit.OpenStore(t)
	if err := LoadDemo(ctx, s, o, nil); err != nil {
		t.Fatal(err)
	}
	ms, err := s.Meetings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := s.AllRecords(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return ms, recs
}

// TestDemoPanelDeterministic: the same seed gives the same meetings and
// records; another seed, others.
func TestDemoPanelDeterministic(t *testing.T) {
	o := DemoOptions{Children: 250, Months: 14, Seed: 5, End: testkit.D("2026-02-28")}
	m1, r1 := demoPanelOf(t, o)
	m2, r2 := demoPanelOf(t, o)
	if len(m1) == 0 || len(r1) == 0 {
		t.Fatalf("%d meetings, %d records", len(m1), len(r1))
	}
	if !reflect.DeepEqual(m1, m2) {
		t.Errorf("the same seed gave other meetings:\n%+v\n%+v", m1, m2)
	}
	if !reflect.DeepEqual(r1, r2) {
		t.Errorf("the same seed gave other records (%d, %d)", len(r1), len(r2))
	}
	o.Seed = 6
	_, r3 := demoPanelOf(t, o)
	if reflect.DeepEqual(r1, r3) {
		t.Error("another seed gave the same records")
	}
}

// TestDemoPanelWithinExtracts: with three months of extracts, the panel
// meets only after the first extract, so every child's state at a
// meeting comes from an extract on or before it.
func TestDemoPanelWithinExtracts(t *testing.T) {
	ms, recs := demoPanelOf(t, DemoOptions{Children: 300, Months: 3, Seed: 2, End: testkit.D("2026-03-31")})
	first := testkit.D("2026-01-31")
	for _, m := range ms {
		if m.Date <= first {
			t.Errorf("%s is before the first extract, %s", m.Title(), first)
		}
	}
	if len(recs) == 0 {
		t.Error("no records in two months of meetings")
	}
}

// TestDemoPanelNotForRealStores: a store with a real extract gets no demo
// panel, from LoadDemo or LoadDemoPanel; an empty store gets none from
// LoadDemoPanel alone (there is nothing to base it on).
func TestDemoPanelNotForRealStores(t *testing.T) {
	ctx := context.Background()
	real := testkit.OpenStore(t)
	x, err := tracker.ReadTracker(ctx, "real.csv", []byte("ID\nA\n"), testkit.D("2026-01-31"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := real.SaveExtract(ctx, x, false, nil); err != nil {
		t.Fatal(err)
	}
	if err := LoadDemo(ctx, real, panelDemo, nil); !errors.Is(err, ErrRealData) {
		t.Errorf("LoadDemo into a real store: %v", err)
	}
	if err := LoadDemoPanel(ctx, real, 1); !errors.Is(err, ErrRealData) {
		t.Errorf("LoadDemoPanel into a real store: %v", err)
	}
	empty := testkit.OpenStore(t)
	if err := LoadDemoPanel(ctx, empty, 1); err != nil {
		t.Error(err)
	}
	for name, s := range map[string]*store.Store{"real": real, "empty": empty} {
		if has, err := s.HasPanelData(ctx); err != nil || has {
			t.Errorf("the %s store has panel meetings (%v)", name, err)
		}
		if recs, err := s.AllRecords(ctx); err != nil || len(recs) != 0 {
			t.Errorf("the %s store has %d panel records (%v)", name, len(recs), err)
		}
	}
}

// BenchmarkLoadDemoPanel600x24: the panel's year for the app's demo
// authority (600 children, 24 months), on a store holding its extracts.
func BenchmarkLoadDemoPanel600x24(b *testing.B) {
	ctx := context.Background()
	o := DemoDefaults(DemoOptions{Children: 600, Months: 24, Seed: 1, End: testkit.D("2026-10-31")})
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := testkit.OpenStore(b)
		if err := loadDemoExtracts(ctx, s, o, nil); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := LoadDemoPanel(ctx, s, o.Seed); err != nil {
			b.Fatal(err)
		}
	}
}
