package app

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"permanence/data"
	"permanence/data/export"
	"permanence/data/figures"
	"permanence/data/store"
)

// showChanges opens the Changes screen and waits for its changes.
func showChanges(t *testing.T, u *ui) *changesScreen {
	t.Helper()
	u.show(screenIndex(u, "changes"))
	u.bridge.wait()
	if u.changes.ch == nil {
		t.Fatalf("the Changes screen worked nothing out: %q", u.changes.about.Text)
	}
	return u.changes
}

// shownDates are the two dates the screen's pickers show.
func shownDates(t *testing.T, s *changesScreen) (from, to data.Date) {
	t.Helper()
	parse := func(label string) data.Date {
		d, err := data.ParseDate(strings.SplitN(label, " · ", 2)[0])
		if err != nil {
			t.Fatalf("the picker shows %q, not a date: %v", label, err)
		}
		return d
	}
	return parse(s.from.Selected), parse(s.to.Selected)
}

// heldMeetings are the dates of the meetings of kind held (or closed) by
// asOf, read from the store: the last two are the screen's default.
func heldMeetings(t *testing.T, st *store.Store, kind data.PanelKind, asOf data.Date) []data.Date {
	t.Helper()
	ms, err := st.Meetings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []data.Date
	for _, m := range ms {
		if m.Kind == kind && m.Date <= asOf && (m.Status == data.MeetingHeld || m.Status == data.MeetingClosed) {
			out = append(out, m.Date)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// serviceChanges are the changes the figures service works out, on a
// service of its own (nothing cached from the screen's).
func serviceChanges(t *testing.T, st *store.Store, from, to data.Date, f data.Filter) *data.Changes {
	t.Helper()
	ch, err := figures.New(st).Changes(context.Background(), from, to, f)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// checkCounts compares every count the screen's tiles show with the
// service's, and the lists' rows with its lists; it returns the total.
func checkCounts(t *testing.T, s *changesScreen, want *data.Changes) int {
	t.Helper()
	total := 0
	cats := want.Categories()
	if len(cats) != len(changeCategories) {
		t.Fatalf("the service gives %d categories, the screen shows %d", len(cats), len(changeCategories))
	}
	for _, c := range cats {
		tl := s.tiles[c.Key]
		if tl == nil {
			t.Errorf("no tile for %s", c.Label)
			continue
		}
		if tl.value.Text != thousands(c.Count) {
			t.Errorf("%s: the tile shows %s, the service counts %d", c.Label, tl.value.Text, c.Count)
		}
		total += c.Count
	}
	if n := len(s.disruptions.table.rows); n != len(want.Disruptions) {
		t.Errorf("the disruptions list has %d rows, want %d", n, len(want.Disruptions))
	}
	if n := len(s.planChanges.table.rows); n != len(want.PlanChanges) {
		t.Errorf("the changes of plan list has %d rows, want %d", n, len(want.PlanChanges))
	}
	if n := len(s.differs.table.rows); n != len(want.CaseSystemDiffers) {
		t.Errorf("the plan differs list has %d rows, want %d", n, len(want.CaseSystemDiffers))
	}
	return total
}

// The screen opens on the last two tracking panels held, and every count
// it shows is the figures service's for those dates; a team filter
// narrows them to the service's for that team.
func TestChangesScreenCounts(t *testing.T) {
	st := demoStore(t)
	u, _ := newTestUI(t, st)
	s := showChanges(t, u)
	from, to := shownDates(t, s)
	held := heldMeetings(t, st, data.PanelTracking, testAsAt)
	if len(held) < 2 {
		t.Fatalf("the demo should have held tracking panels, has %v", held)
	}
	if from != held[len(held)-2] || to != held[len(held)-1] {
		t.Errorf("the screen compares %s to %s, want the last two tracking panels %s and %s", from, to, held[len(held)-2], held[len(held)-1])
	}
	all := serviceChanges(t, st, from, to, data.Filter{})
	if total := checkCounts(t, s, all); total == 0 {
		t.Fatal("every count is 0 between the demo's last two panels: the test proves nothing")
	}
	if !strings.Contains(s.about.Text, "tracking panels") {
		t.Errorf("the screen should say where its dates come from: %q", s.about.Text)
	}

	team := u.snap.teams[0]
	u.team.SetSelected(team)
	u.bridge.wait()
	filtered := serviceChanges(t, st, from, to, data.Filter{Team: team})
	checkCounts(t, s, filtered)
	differ := false
	for i, c := range filtered.Categories() {
		differ = differ || c.Count != all.Categories()[i].Count
	}
	if !differ {
		t.Error("filtering on one team changed no count: the test proves nothing")
	}
	if !strings.Contains(s.about.Text, team) {
		t.Errorf("the screen should say it shows %s only: %q", team, s.about.Text)
	}
}

// A tap on each count opens the children behind it: exactly those, a row
// for each line (a plan changed says from → to; left care, how; drift, the
// flag).
func TestChangesDrillDown(t *testing.T) {
	st := demoStore(t)
	u, w := newTestUI(t, st)
	s := showChanges(t, u)
	from, to := shownDates(t, s)
	ch := serviceChanges(t, st, from, to, data.Filter{})
	details := map[string][]string{}
	for _, e := range ch.PlanChanged {
		details[data.CategoryPlanChanged] = append(details[data.CategoryPlanChanged], e.Text())
	}
	for _, e := range ch.LeftCare {
		details[data.CategoryLeftCare] = append(details[data.CategoryLeftCare], e.How())
	}
	for _, e := range ch.BecameDrifting {
		details[data.CategoryBecameDrifting] = append(details[data.CategoryBecameDrifting], e.Kind.Label(ch.Thresholds))
	}
	opened := 0
	for _, c := range ch.Categories() {
		if c.Count == 0 {
			continue
		}
		test.Tap(s.tiles[c.Key])
		if s.drill == nil || u.drill == nil || s.drillKey != c.Key {
			t.Fatalf("tapping %s opened no drill-down", c.Label)
		}
		opened++
		rows := s.drill.rows
		if len(rows) != c.Count {
			t.Errorf("%s: %d rows, want %d", c.Label, len(rows), c.Count)
		}
		got := map[string]bool{}
		for _, r := range rows {
			got[r.id] = true
		}
		want := map[string]bool{}
		for _, id := range c.ChildIDs {
			want[id] = true
		}
		if len(got) != len(want) {
			t.Errorf("%s: the drill-down lists %d children, want %d", c.Label, len(got), len(want))
		}
		for id := range want {
			if !got[id] {
				t.Errorf("%s: child %s is not listed", c.Label, id)
			}
		}
		if d := details[c.Key]; d != nil {
			var shown []string
			for _, r := range rows {
				shown = append(shown, r.detail)
			}
			if strings.Join(shown, "|") != strings.Join(d, "|") {
				t.Errorf("%s: the lines say %q, want %q", c.Label, shown, d)
			}
		}
		if markup := test.RenderToMarkup(w.Canvas()); !strings.Contains(markup, c.Label) {
			t.Errorf("the drill-down of %s does not say what it lists", c.Label)
		}
		u.drill.Hide()
	}
	if opened < 3 {
		t.Errorf("only %d counts had children to list: the test proves little", opened)
	}
}

// With Hide names on, no child's name is on the screen, in a drill-down
// or in an exported list: initials and ID instead.
func TestChangesHideNames(t *testing.T) {
	st := demoStore(t)
	u, w := newTestUI(t, st)
	s := showChanges(t, u)
	key := ""
	for _, c := range s.ch.Categories() {
		if c.Count > 0 && (key == "" || c.Key == data.CategoryPlanChanges) {
			key = c.Key
		}
	}
	names := func() (shown []string) {
		markup := test.RenderToMarkup(w.Canvas())
		for _, l := range []shownList{s.disruptions.table.shown("d"), s.planChanges.table.shown("p"), s.differs.table.shown("x"), s.drill.shown("drill")} {
			for _, r := range l.rows {
				for _, c := range r {
					if str, ok := c.(string); ok {
						markup += "\n" + str
					}
				}
			}
		}
		for i := range s.ch.Children {
			if n := s.ch.Children[i].Name; n != "" && strings.Contains(markup, n) {
				shown = append(shown, n)
			}
		}
		return shown
	}
	test.Tap(s.tiles[key])
	if len(names()) == 0 {
		t.Fatal("with names shown, the screen and its drill-down should name children: the test proves nothing")
	}
	u.drill.Hide()
	u.hide.SetChecked(true)
	u.bridge.wait()
	test.Tap(s.tiles[key])
	if shown := names(); len(shown) > 0 {
		t.Errorf("names hidden, yet the screen shows %q", shown)
	}
	first := s.child(s.drill.rows[0].id)
	if want := first.Initials() + " (" + first.ID + ")"; !strings.Contains(test.RenderToMarkup(w.Canvas()), want) {
		t.Errorf("the drill-down should show %q for its first child", want)
	}
}

// The "since" choice sets the dates: the last two adoption panels, the
// last two extracts; a date picked makes them dates chosen.
func TestChangesSinceChoice(t *testing.T) {
	st := demoStore(t)
	u, _ := newTestUI(t, st)
	s := showChanges(t, u)
	tf, tt := shownDates(t, s)

	s.since.SetSelected(sinceChoices[sinceAdoption].label)
	u.bridge.wait()
	af, at := shownDates(t, s)
	held := heldMeetings(t, st, data.PanelAdoption, testAsAt)
	if len(held) < 2 || af != held[len(held)-2] || at != held[len(held)-1] {
		t.Errorf("since the last adoption panel compares %s to %s, want the last two of %v", af, at, held)
	}
	if af == tf && at == tt {
		t.Error("the adoption panels' dates should differ from the tracking panels' in the demo")
	}
	checkCounts(t, s, serviceChanges(t, st, af, at, data.Filter{}))

	s.since.SetSelected(sinceChoices[sinceExtracts].label)
	u.bridge.wait()
	xs, err := st.Extracts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var dates []data.Date
	for _, x := range xs {
		if x.Date <= testAsAt && (len(dates) == 0 || dates[len(dates)-1] != x.Date) {
			dates = append(dates, x.Date)
		}
	}
	ef, et := shownDates(t, s)
	if ef != dates[len(dates)-2] || et != dates[len(dates)-1] {
		t.Errorf("between the last two extracts compares %s to %s, want %s to %s", ef, et, dates[len(dates)-2], dates[len(dates)-1])
	}
	checkCounts(t, s, serviceChanges(t, st, ef, et, data.Filter{}))

	// A date picked: from six extracts back, up to the last.
	pick := dates[len(dates)-7]
	for _, o := range s.from.Options {
		if strings.HasPrefix(o, ukDate(pick)+" ·") {
			s.from.SetSelected(o)
		}
	}
	u.bridge.wait()
	if s.since.Selected != sinceChoices[sinceChosen].label {
		t.Errorf("picking a date should make the dates chosen, not %q", s.since.Selected)
	}
	if f, to := shownDates(t, s); f != pick || to != et {
		t.Errorf("after picking %s the screen compares %s to %s", pick, f, to)
	}
	checkCounts(t, s, serviceChanges(t, st, pick, et, data.Filter{}))
}

// The panel pack exported from the app has the Changes sheet, for the
// dates on the Changes screen.
func TestPackHasChangesSheet(t *testing.T) {
	st := demoStore(t)
	u, _ := newTestUI(t, st)
	s := showChanges(t, u)
	s.since.SetSelected(sinceChoices[sinceAdoption].label)
	u.bridge.wait()
	from, to := shownDates(t, s)
	ch := serviceChanges(t, st, from, to, data.Filter{})
	j, err := u.packJob(reportPack)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), j.name)
	if err := j.write(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(export.SheetChanges)
	if err != nil {
		t.Fatalf("the pack has no %s sheet (it has %v): %v", export.SheetChanges, f.GetSheetList(), err)
	}
	lines := map[string]int{}
	for _, r := range rows {
		for _, c := range r {
			lines[c]++
		}
	}
	if lines["Change of plan"] != len(ch.PlanChanges) || lines["Came into care"] != len(ch.CameIntoCare) {
		t.Errorf("the sheet has %d changes of plan and %d children who came into care, want %d and %d (the adoption panels' dates)",
			lines["Change of plan"], lines["Came into care"], len(ch.PlanChanges), len(ch.CameIntoCare))
	}
	if len(ch.PlanChanges)+len(ch.CameIntoCare) == 0 {
		t.Error("nothing to count on the sheet: the test proves nothing")
	}
}

// The presentation has a slide of the changes since the last panel: its
// big numbers are the counts, and it says the dates.
func TestChangesSlide(t *testing.T) {
	st := demoStore(t)
	u, w := newTestUI(t, st)
	p := u.present
	at := -1
	for i, sl := range p.slides {
		if sl.title == changesSlideTitle {
			at = i
		}
	}
	if at < 0 {
		t.Fatal("no slide of the changes since the last panel")
	}
	p.open(at)
	u.bridge.wait()
	held := heldMeetings(t, st, data.PanelTracking, testAsAt)
	from, to := held[len(held)-2], held[len(held)-1]
	ch := serviceChanges(t, st, from, to, data.Filter{})
	cats := ch.Categories()
	if len(p.numbers.numbers) != len(cats) || !p.numbers.obj.Visible() {
		t.Fatalf("the slide shows %d numbers, want %d", len(p.numbers.numbers), len(cats))
	}
	for i, c := range cats {
		if got := p.numbers.numbers[i].Text; got != thousands(c.Count) {
			t.Errorf("%s: the slide shows %s, want %d", c.Label, got, c.Count)
		}
	}
	markup := test.RenderToMarkup(w.Canvas())
	for _, want := range []string{changesSlideTitle, ukDate(from), ukDate(to), changeCategories[0].caption} {
		if !strings.Contains(markup, want) {
			t.Errorf("the slide should show %q", want)
		}
	}
	if p.chart.render != nil {
		t.Error("the numbers should stand on a blank chart")
	}
	p.next()
	if p.numbers.obj.Visible() || p.chart.render == nil {
		t.Error("the next slide should show its chart, not the numbers")
	}
}

// The changes of plan list says, for a change away from adoption with a
// placement order, the days to its revocation against the target (three
// months from the change), as at the later date, 31 Mar 2026.
func TestChangesOfPlanRevocation(t *testing.T) {
	d := data.MustDate
	rev := func(changed, target, revoked string) *data.Revocation {
		r := &data.Revocation{PlacementOrder: d("2025-05-01"), Changed: d(changed), Target: d(target), Revoked: data.NoDate}
		if revoked != "" {
			r.Revoked = d(revoked)
		}
		return r
	}
	to := d("2026-03-31")
	s := &changesScreen{u: &ui{}, ch: &data.Changes{To: to, Thresholds: data.DefaultThresholds()}}
	cols := s.planChangeCols()
	col := map[string]int{}
	for i, c := range cols {
		col[c.title] = i
	}
	for _, tc := range []struct {
		name       string
		r          *data.Revocation
		days, says string
		warn       bool
	}{
		// 20 Nov 2025 to 15 Jan 2026: 10 + 31 + 15 = 56 days, by 20 Feb.
		{"revoked in time", rev("2025-11-20", "2026-02-20", "2026-01-15"), "56", "Revoked within target (revoke by 20 Feb 2026)", false},
		// 1 Oct 2025 to 2 Mar 2026: 30 + 30 + 31 + 31 + 28 + 2 = 152 days, target 1 Jan.
		{"revoked late", rev("2025-10-01", "2026-01-01", "2026-03-02"), "152", "Revoked after the target (revoke by 1 Jan 2026)", true},
		// 10 Feb to 31 Mar 2026: 18 + 31 = 49 days so far, target 10 May.
		{"waiting", rev("2026-02-10", "2026-05-10", ""), "49 so far", "Awaiting revocation, within target (revoke by 10 May 2026)", false},
		// 1 Nov 2025 to 31 Mar 2026: 29 + 31 + 31 + 28 + 31 = 150 days so far, target 1 Feb.
		{"overdue", rev("2025-11-01", "2026-02-01", ""), "150 so far", "Not revoked, target passed (revoke by 1 Feb 2026)", true},
		{"no order", nil, "", "", false},
	} {
		r := planChangeRow{data.ChangeOfPlan{ChildID: "C1", From: data.PlanAdoption, To: data.PlanLongTermFostering, Revocation: tc.r}, to}
		if got := cols[col["Days to revocation"]].text(&r); got != tc.days {
			t.Errorf("%s: days to revocation %q, want %q", tc.name, got, tc.days)
		}
		target := cols[col["Against the target"]]
		if got := target.text(&r); got != tc.says {
			t.Errorf("%s: against the target %q, want %q", tc.name, got, tc.says)
		}
		if got := target.warn(&r); got != tc.warn {
			t.Errorf("%s: warning %v, want %v", tc.name, got, tc.warn)
		}
		if got := cols[col["From → to"]].text(&r); got != "Adoption → Long-term fostering" {
			t.Errorf("%s: the change reads %q", tc.name, got)
		}
	}
}
