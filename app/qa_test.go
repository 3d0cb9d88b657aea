package app

import (
	"permanence/data/importer"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
)

// Hide names is the control a presenter reaches for first: it must be in
// sight on a small screen (a 1024×768 projector; the real app's wider type
// loses it at 1280×720), not scrolled off with the filters.
func TestHideNamesInSightInSmallWindow(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	w.Resize(fyne.NewSize(1024, 720))
	test.RenderToMarkup(w.Canvas()) // lay it out
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(u.hide)
	right := pos.X + u.hide.Size().Width
	if u.hide.Size().Width < u.hide.MinSize().Width || right > w.Canvas().Size().Width {
		t.Errorf("Hide names runs from x=%.0f to %.0f (width %.0f, needs %.0f) in a window %.0f wide",
			pos.X, right, u.hide.Size().Width, u.hide.MinSize().Width, w.Canvas().Size().Width)
	}
}

// The "Another date…" dialog shows the whole date, not "31/03/20".
func TestChooseAsAtShowsWholeDate(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	u.chooseAsAt()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("choosing another date should open a dialog")
	}
	var entry *widget.DateEntry
	for _, o := range test.LaidOutObjects(top) {
		if e, ok := o.(*widget.DateEntry); ok {
			entry = e
		}
	}
	if entry == nil {
		t.Fatal("the dialog has no date entry")
	}
	text := fyne.MeasureText(entry.Text, fyne.CurrentApp().Settings().Theme().Size("text"), fyne.TextStyle{})
	if entry.Text == "" || entry.Size().Width < text.Width+80 {
		t.Errorf("the date entry is %.0f wide: too narrow to show %q (%.0f) and its buttons", entry.Size().Width, entry.Text, text.Width)
	}
}

// A warning quoting a date of birth ("is before Date of birth (12/04/2019)")
// must not show it while names are hidden: not in the import report, not on
// the data-quality screen, not on the timeline.
const dobWarningTracker = `Child ID,Name,Date of Birth,CLA Start Date,Permanence Plan
C1,Amelia Smith,12/04/2019,01/02/2018,Adoption
C2,Jack Jones,03/05/2015,15/06/2023,Long term fostering
`

func TestHiddenNamesHideDatesOfBirthInWarnings(t *testing.T) {
	s := emptyStore(t)
	u, w := newTestUI(t, s)
	u.setHideNames(true)
	path := writeFile(t, "tracker.csv", dobWarningTracker)
	u.importer.start([]string{path}, importer.ImportOptions{ExtractDate: testAsAt})
	u.bridge.wait()
	report := u.importer.lastReport
	if !strings.Contains(report, "is before Date of birth (hidden)") {
		t.Errorf("the report should give the warning with the date of birth hidden:\n%s", report)
	}
	u.importer.closeReport()
	u.hide.SetChecked(true)
	u.show(screenIndex(u, "quality"))
	u.bridge.wait()
	u.quality.tabs.SelectIndex(0)
	if m := test.RenderToMarkup(w.Canvas()); !strings.Contains(m, "is before Date of birth (hidden)") {
		t.Error("data quality should list the warning, with the date of birth hidden")
	}
	u.quality.tabs.SelectIndex(1)
	if m := test.RenderToMarkup(w.Canvas()); strings.Contains(m, "12/04/2019") || strings.Contains(m, "Amelia") {
		t.Error("data quality (children with the most warnings) shows a date of birth or name while names are hidden")
	}
	u.openChildID("C1")
	u.bridge.wait()
	m := test.RenderToMarkup(w.Canvas())
	if !strings.Contains(m, "Date of birth (hidden)") {
		t.Error("the timeline should list the warning, with the date of birth hidden")
	}
	for _, s := range []string{"12/04/2019", "12 Apr 2019", "Amelia"} {
		if strings.Contains(m, s) {
			t.Errorf("the timeline shows %q while names are hidden", s)
		}
	}
	// Shown again when names are shown.
	u.hide.SetChecked(false)
	if !strings.Contains(warningText(u.timeline.loaded.warnings[0], data.Extract{}, false), "(12/04/2019)") {
		t.Error("with names shown the warning should give the date of birth")
	}
}

func TestHiddenNamesHideValuesInProblemReport(t *testing.T) {
	u, _ := newTestUI(t, emptyStore(t))
	u.setHideNames(true)
	path := writeFile(t, "tracker.csv", badTracker)
	u.importer.start([]string{path}, importer.ImportOptions{ExtractDate: testAsAt})
	u.bridge.wait()
	report := u.importer.lastReport
	if strings.Contains(report, "31/02/2015") {
		t.Errorf("with names hidden the problem report shows a date of birth:\n%s", report)
	}
	if !strings.Contains(report, "row 3, column “Date of Birth” (“(hidden)”): cannot be read as a date") {
		t.Errorf("the problem report should still say where the problem is:\n%s", report)
	}
}

// Data quality lists warnings per extract, whatever the filters: a filter
// must not turn the children's names into bare IDs.
func TestQualityNamesWithAFilter(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	u.team.SetSelected(u.snap.teams[0])
	u.bridge.wait()
	u.show(screenIndex(u, "quality"))
	u.bridge.wait()
	var other *data.Child
	for i := range u.snap.all {
		if c := &u.snap.all[i]; c.Team != u.snap.teams[0] && c.Name != "" {
			other = c
			break
		}
	}
	if other == nil {
		t.Fatal("the demo should have a child in another team")
	}
	if got := u.quality.childName(other.ID); got != other.Name {
		t.Errorf("data quality names %s as %q with a team filter on, want %q", other.ID, got, other.Name)
	}
}

// A trend's last quarter, when the as-at date falls inside it, says it is
// a part quarter: in the tables and exports, and in the title of the
// successes chart (its bars keep the short label that fits under them).
func TestPartQuarterLabelled(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	u.setAsAt(data.MustDate("2026-02-15"))
	u.bridge.wait()
	qs := u.snap.quarters
	if got := qs[len(qs)-1].Text(); got != "2026-Q1 so far" {
		t.Errorf("last quarter as at 15 Feb 2026 = %q, want 2026-Q1 so far", got)
	}
	if got := qs[len(qs)-2].Text(); got != "2025-Q4" {
		t.Errorf("a whole quarter = %q, want 2025-Q4", got)
	}
	bc := successChart(u.snap)
	if !strings.HasSuffix(bc.Title, "(2026-Q1 so far)") || bc.Bars[len(bc.Bars)-1].Label != "2026-Q1" {
		t.Errorf("successes chart: title %q, last bar %q", bc.Title, bc.Bars[len(bc.Bars)-1].Label)
	}
	l := u.celebrations.quarterList()
	if got := l.rows[len(l.rows)-1][0]; got != "2026-Q1 so far" {
		t.Errorf("successes by quarter list ends with %v", got)
	}
	u.show(1)
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "2026-Q1 so far") {
		t.Error("the court screen's table of quarters should mark the part quarter")
	}
	u.setAsAt(testAsAt) // a quarter's end: no part quarter
	u.bridge.wait()
	if bc := successChart(u.snap); strings.Contains(bc.Title, "so far") {
		t.Errorf("as at a quarter's end the chart says %q", bc.Title)
	}
}

// "Another date…" shows the figures as at the date chosen, not the latest
// extract's.
func TestAnotherAsAtDate(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	d := data.MustDate("2026-02-15")
	u.setAsAt(d)
	u.bridge.wait()
	if u.snap.view.asAt != d {
		t.Fatalf("figures as at %s, want %s", ukDate(u.snap.view.asAt), ukDate(d))
	}
	if u.asAt.Selected != ukDate(d) {
		t.Errorf("the as-at picker shows %q, want %q", u.asAt.Selected, ukDate(d))
	}
	if !strings.Contains(u.status.Text, "as at "+ukDate(d)) {
		t.Errorf("status = %q", u.status.Text)
	}
	// An extract's date can still be chosen from the list afterwards.
	u.asAt.SetSelected(ukDate(testAsAt))
	u.bridge.wait()
	if u.snap.view.asAt != testAsAt {
		t.Errorf("as at %s after choosing the latest extract", ukDate(u.snap.view.asAt))
	}
}
