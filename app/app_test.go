package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"permanence/data/demo"
	"permanence/data/store"
	"sort"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"permanence/charts"
	"permanence/data"
)

// testAsAt is the demo authority's last extract in every test, so the
// goldens do not move with the calendar.
var testAsAt = data.MustDate("2026-03-31")

// testDemo is a small, fixed demo authority.
var testDemo = demo.DemoOptions{Children: 300, Months: 12, Seed: 1, End: testAsAt}

var (
	demoOnce sync.Once
	demoDB   []byte
	demoErr  error
)

// demoStore returns a store in a temp folder holding the test demo
// authority (generated once per test binary, then copied).
func demoStore(t testing.TB) *store.Store {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "permanence-demo")
		if err != nil {
			demoErr = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "demo.db")
		s, err := store.Open(path)
		if err != nil {
			demoErr = err
			return
		}
		if demoErr = demo.LoadDemo(context.Background(), s, testDemo, nil); demoErr != nil {
			return
		}
		if _, demoErr = s.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); demoErr != nil {
			return
		}
		s.Close()
		demoDB, demoErr = os.ReadFile(path)
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := os.WriteFile(path, demoDB, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func emptyStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newTestUI starts the app on a store in a test window of 1280×800.
func newTestUI(t testing.TB, s *store.Store) (*ui, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("Permanence panel")
	w.Resize(fyne.NewSize(1280, 800))
	u := newUI(a, w, s, Options{})
	u.bridge.manual, u.bridge.notify = true, make(chan struct{}, 1)
	u.welcome.demo = testDemo
	u.start()
	u.bridge.wait()
	t.Cleanup(w.Close)
	return u, w
}

func TestWelcomeOnEmptyStore(t *testing.T) {
	u, w := newTestUI(t, emptyStore(t))
	if w.Content() != u.welcome.object() {
		t.Fatal("an empty store should open on the welcome view")
	}
	test.AssertRendersToMarkup(t, "welcome.xml", w.Canvas())

	test.Tap(u.welcome.demoB)
	u.bridge.wait()
	u.bridge.wait() // the dashboard's first snapshot
	if w.Content() != u.dashboard {
		t.Fatal("after loading the demo the dashboard should show")
	}
	if u.snap == nil || u.snap.m.Count(data.KeyInCare) == 0 {
		t.Fatal("the demo authority should have children in care")
	}
	if got := u.overview.inCare.value.Text; got != thousands(u.snap.m.Count(data.KeyInCare)) {
		t.Errorf("children in care tile = %q, want %d", got, u.snap.m.Count(data.KeyInCare))
	}
}

func TestDemoOption(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("")
	u := newUI(a, w, emptyStore(t), Options{Demo: true})
	u.bridge.manual, u.bridge.notify = true, make(chan struct{}, 1)
	u.welcome.demo = testDemo
	u.start()
	u.bridge.wait()
	u.bridge.wait()
	if w.Content() != u.dashboard || u.snap == nil {
		t.Fatal("--demo on an empty store should load the demo and show the dashboard")
	}
	if u.snap.authority == "" {
		t.Error("the demo authority should have a name")
	}
}

func TestNavigation(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	for i, sc := range u.screens {
		u.nav.Select(i)
		u.bridge.wait()
		if u.current != i || u.body.Objects[0] != sc.object() {
			t.Errorf("selecting %s in the navigation did not show it", sc.title())
		}
	}
}

func TestDrillDownFromTile(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	u.show(0)
	test.Tap(u.overview.proc)
	if u.drill == nil {
		t.Fatal("tapping a tile should open the children behind it")
	}
	want := u.snap.m.Count(data.KeyProceedings)
	if want == 0 {
		t.Fatal("the demo should have children in proceedings")
	}
	markup := test.RenderToMarkup(w.Canvas())
	if !strings.Contains(markup, plural(want, "child", "children")+" as at") {
		t.Errorf("the drill-down should say how many children it lists (%d)", want)
	}
	// Every child listed is one of those counted.
	first := u.snap.child(u.snap.members(data.KeyProceedings)[0])
	if !strings.Contains(markup, first.Name) {
		t.Errorf("the drill-down should list %s", first.Name)
	}
}

func TestDrillDownOpensTimeline(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	u.show(1)
	u.drillDown("Children in care proceedings", data.KeyProceedings)
	idx := u.snap.members(data.KeyProceedings)[0]
	u.openChild(idx)
	u.bridge.wait()
	if !u.timeline.visible() {
		t.Fatal("choosing a child should open their timeline")
	}
	if u.drill != nil {
		t.Error("the drill-down should close when a timeline opens")
	}
	c := u.snap.child(idx)
	if got := u.timeline.name.Text; got != c.Name {
		t.Errorf("timeline title = %q, want %q", got, c.Name)
	}
	markup := test.RenderToMarkup(w.Canvas())
	for _, want := range []string{"Plan history", "Where each value came from", "Drift flags", c.ID} {
		if !strings.Contains(markup, want) {
			t.Errorf("timeline should show %q", want)
		}
	}
}

func TestHideNames(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	u.show(5)
	u.bridge.wait()
	rows := u.children.table.rows
	if len(rows) == 0 {
		t.Fatal("the children table is empty")
	}
	c := u.snap.child(rows[0])
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), c.Name) {
		t.Fatalf("names should show by default (%s)", c.Name)
	}
	u.hide.SetChecked(true)
	u.bridge.wait()
	markup := test.RenderToMarkup(w.Canvas())
	if strings.Contains(markup, c.Name) {
		t.Errorf("with names hidden the table still shows %s", c.Name)
	}
	if !strings.Contains(markup, c.Initials()+" ("+c.ID+")") {
		t.Errorf("with names hidden the table should show initials and ID %s (%s)", c.Initials(), c.ID)
	}
	// The drill-down hides names too.
	u.drillDown("Children in care", data.KeyInCare)
	if strings.Contains(test.RenderToMarkup(w.Canvas()), c.Name) {
		t.Error("the drill-down shows a name while names are hidden")
	}
}

func TestCelebrationCardsUseInitials(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	u.show(4)
	cards := successCards(u.snap)
	if len(cards) == 0 {
		t.Fatal("the demo should have successes to celebrate")
	}
	markup := test.RenderToMarkup(w.Canvas())
	for _, card := range cards[:min(len(cards), maxCards)] {
		if name := u.snap.child(card.child).Name; strings.Contains(markup, name) {
			t.Errorf("a celebration card shows the name %s", name)
		}
	}
}

func TestFiltersAndAsAt(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	all := u.snap.m.Count(data.KeyInCare)
	u.plan.SetSelected("Adoption")
	u.bridge.wait()
	if got, want := u.snap.m.Count(data.KeyInCare), u.snap.m.Count("cohort.adoption"); got != want || got >= all {
		t.Errorf("plan filter: %d in care, %d with an adoption plan, %d unfiltered", got, want, all)
	}
	u.plan.SetSelected(allPlans)
	u.bridge.wait()
	if u.snap.m.Count(data.KeyInCare) != all {
		t.Error("clearing the plan filter should restore every child")
	}
	earlier := u.asAtDates[len(u.asAtDates)-1]
	u.asAt.SetSelected(ukDate(earlier))
	u.bridge.wait()
	if u.snap.view.asAt != earlier {
		t.Errorf("as at %s, want %s", u.snap.view.asAt, earlier)
	}
	u.period.SetSelected("Last 3 months")
	u.bridge.wait()
	if got, want := u.snap.m.PeriodStart, earlier.AddMonths(-3); got != want {
		t.Errorf("period starts %s, want %s", got, want)
	}
}

func TestQuality(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	u.show(screenIndex(u, "quality"))
	u.bridge.wait()
	if got := len(u.quality.xs); got != testDemo.Months {
		t.Errorf("%d extracts listed, want %d", got, testDemo.Months)
	}
	markup := test.RenderToMarkup(w.Canvas())
	for _, want := range []string{"Extracts imported", ukDate(testAsAt), "Demo", "Warnings in the extract of " + ukDate(testAsAt)} {
		if !strings.Contains(markup, want) {
			t.Errorf("data quality should show %q", want)
		}
	}
}

func TestTapBarDrillsDown(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	u.show(0)
	w.Canvas().Capture() // draw the charts at their size
	b := u.overview.plan
	st := b.chart.lastStyle
	if st.Width == 0 {
		t.Fatal("the cohort chart was not drawn")
	}
	// Find a pixel over the long-term fostering bar (third): hovering there
	// says what a click does, and a click opens the children.
	ltf := plural(u.snap.m.Count("cohort.long_term_fostering"), "child", "children")
	for y := 0; y < st.Height; y++ {
		if charts.BarAt(b.bc, st, float64(st.Width)/2, float64(y)) == 2 {
			sz := b.chart.Size()
			at := fyne.NewPos(sz.Width/2, float32(y)*sz.Height/float32(st.Height))
			b.chart.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}})
			if got, want := b.chart.tip.text(), "Long-term fostering: "+ltf+". Click to list them"; got != want {
				t.Errorf("hovering over the bar shows %q, want %q", got, want)
			}
			b.chart.MouseOut()
			if got := b.chart.tip.text(); got != "" {
				t.Errorf("the tooltip should go when the mouse leaves; it shows %q", got)
			}
			b.chart.Tapped(&fyne.PointEvent{Position: at})
			break
		}
	}
	// Off the bars (the top left corner): no tooltip.
	b.chart.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(1, 1)}})
	if got := b.chart.tip.text(); got != "" {
		t.Errorf("no bar under the mouse, yet the tooltip shows %q", got)
	}
	// A clickable tile says so too.
	tl := u.overview.inCare
	tl.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(5, 5)}})
	if got := tl.tip.text(); got != tipTile {
		t.Errorf("hovering over a tile shows %q, want %q", got, tipTile)
	}
	tl.MouseOut()
	if u.drill == nil {
		t.Fatal("tapping a bar should open the children behind it")
	}
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), ltf+" as at") {
		t.Error("the bar's drill-down should list the children with a long-term fostering plan")
	}
}

func TestNavigationByTap(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	test.RenderToMarkup(w.Canvas()) // the list makes its rows when first drawn
	d := fyne.CurrentApp().Driver()
	var rows []fyne.CanvasObject
	for _, o := range test.LaidOutObjects(u.nav) {
		if fmt.Sprintf("%T", o) == "*widget.listItem" && o.Visible() {
			rows = append(rows, o)
		}
	}
	sort.Slice(rows, func(a, b int) bool {
		return d.AbsolutePositionForObject(rows[a]).Y < d.AbsolutePositionForObject(rows[b]).Y
	})
	if len(rows) != len(u.screens) {
		t.Fatalf("%d navigation rows, want %d", len(rows), len(u.screens))
	}
	for i := len(rows) - 1; i >= 0; i-- {
		test.Tap(rows[i].(fyne.Tappable))
		u.bridge.wait()
		if u.current != i || u.body.Objects[0] != u.screens[i].object() {
			t.Errorf("tapping %q in the navigation showed screen %d", u.screens[i].title(), u.current)
		}
	}
}

func TestThemeChangeRedrawsCharts(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	v := u.overview.plan.chart.version
	test.ApplyTheme(t, test.Theme())
	u.themeChanged()
	if u.overview.plan.chart.version == v {
		t.Error("a theme change should draw the charts again")
	}
}

// A name typed in the search box is hidden with the names, stops matching
// (only what can be seen is searched), and finds the child again when
// names are shown.
func TestSearchFollowsHideNames(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	u.show(5)
	u.bridge.wait()
	c := u.snap.child(u.children.table.rows[0])
	surname := c.Name[strings.LastIndex(c.Name, " ")+1:]
	test.Type(u.children.search, surname)
	u.bridge.wait()
	if n := len(u.children.table.rows); n == 0 {
		t.Fatalf("searching %q finds nobody", surname)
	}
	u.hide.SetChecked(true)
	u.bridge.wait()
	if !u.children.search.Password || strings.Contains(test.RenderToMarkup(w.Canvas()), surname) {
		t.Error("with names hidden, the name typed in the search box still shows")
	}
	for _, i := range u.children.table.rows {
		if ch := u.snap.child(i); !strings.Contains(strings.ToLower(ch.ID+ch.Initials()+ch.Team+ch.Plan.Label()+u.snap.rows[i].stage),
			strings.ToLower(surname)) {
			t.Errorf("with names hidden, %s is found by a name no one can see", ch.ID)
			break
		}
	}
	u.hide.SetChecked(false)
	u.bridge.wait()
	found := false
	for _, i := range u.children.table.rows {
		found = found || u.snap.child(i).ID == c.ID
	}
	if !found || u.children.search.Password {
		t.Error("showing names again should search names again")
	}
}

// A chair going through the children past 26 weeks: the list shows weeks
// since issue, longest first; a child's timeline; Back returns to the
// list, not the screen; a heading click sorts; Esc closes the list.
func TestDrillDownRoundTrip(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	u.bridge.wait()
	u.show(1)
	u.drillDown("Children in proceedings past 26 weeks", data.KeyProceedingsOver26Weeks)
	tb := u.drillTable
	if tb == nil || len(tb.rows) < 2 || tb.cols[1].title != "Time since issue" {
		t.Fatalf("the drill-down should list the children with weeks since issue")
	}
	issued := func(i int) data.Date { return u.snap.child(i).ProceedingsIssued }
	for k := 1; k < len(tb.rows); k++ {
		if issued(tb.rows[k-1]) > issued(tb.rows[k]) {
			t.Fatalf("not longest first: row %d issued %s after row %d", k-1, issued(tb.rows[k-1]), k)
		}
	}
	first := u.snap.child(tb.rows[0]).ID
	tb.onSelect(tb.rows[0])
	u.bridge.wait()
	if !u.timeline.visible() || u.drill != nil {
		t.Fatal("choosing a child should open the timeline in place of the list")
	}
	u.timeline.back()
	if u.drill == nil || u.drillTitle != "Children in proceedings past 26 weeks" || u.snap.child(u.drillTable.rows[0]).ID != first {
		t.Fatal("Back should return to the list the child was chosen from")
	}
	u.drillTable.onHeader(1) // weeks since issue: shortest first now
	if r := u.drillTable.rows; issued(r[0]) < issued(r[len(r)-1]) {
		t.Error("a heading click should sort the list the other way")
	}
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.drill != nil {
		t.Error("Esc should close the list")
	}
}

func TestLastCompleteQuarterPeriod(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	// As at the extract of 28 February 2026, the last complete quarter is
	// October–December 2025, as at 31 December.
	asAt := data.MustDate("2026-02-28")
	u.asAt.SetSelected(ukDate(asAt))
	u.bridge.wait()
	wantStart, wantEnd := data.MustDate("2025-10-01"), data.MustDate("2025-12-31")
	u.period.SetSelected("Last complete quarter")
	u.bridge.wait()
	if got := u.snap.m.AsOf; got != wantEnd {
		t.Errorf("figures as at %s, want the quarter's end %s", got, wantEnd)
	}
	if got := u.snap.m.PeriodStart; got != wantStart.AddDays(-1) {
		t.Errorf("period starts after %s, want after %s", got, wantStart.AddDays(-1))
	}
	if !strings.Contains(u.status.Text, "the last complete quarter") || !strings.Contains(u.status.Text, "as at "+ukDate(wantEnd)) {
		t.Errorf("the status should name the quarter and its end: %q", u.status.Text)
	}
	// The as-at choice itself is left alone: another period goes back to it.
	u.period.SetSelected("Last 3 months")
	u.bridge.wait()
	if u.snap.m.AsOf != asAt || u.snap.view.asAt != asAt {
		t.Errorf("after the quarter, as at %s, want %s", u.snap.m.AsOf, asAt)
	}
	_ = w
}

func TestLastCompleteQuarterBoundaries(t *testing.T) {
	for _, c := range []struct{ a, start, end string }{
		{"2026-11-28", "2026-07-01", "2026-09-30"},
		{"2026-09-30", "2026-07-01", "2026-09-30"}, // the quarter's last day: it is complete
		{"2026-10-01", "2026-07-01", "2026-09-30"},
		{"2026-01-15", "2025-10-01", "2025-12-31"},
		{"2026-03-31", "2026-01-01", "2026-03-31"},
	} {
		s, e := lastCompleteQuarter(data.MustDate(c.a))
		if s != data.MustDate(c.start) || e != data.MustDate(c.end) {
			t.Errorf("as at %s: %s to %s, want %s to %s", c.a, s, e, c.start, c.end)
		}
	}
}
