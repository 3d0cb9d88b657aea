package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"permanence/data"
)

// Small goldens of the widgets every screen is built from, with fixed
// values: they pin the look, not the demo's figures.
func TestWidgetGoldens(t *testing.T) {
	test.NewTempApp(t)
	tl := newTile("Children in care", nil)
	tl.set(1234, "of 1,300 known")
	tl.Resize(fyne.NewSize(200, 130))
	test.AssertObjectRendersToMarkup(t, "widgets/tile.xml", tl)

	warn := newTile("A1: mean days", nil)
	warn.colorName = ragColour(data.RAGAmber)
	warn.setText("481", "Threshold 426 days: 3 of 7 children within it.")
	warn.Resize(fyne.NewSize(200, 150))
	test.AssertObjectRendersToMarkup(t, "widgets/tile-amber.xml", warn)

	row := newMeasureRow("SGO applications pending", nil)
	row.set(data.KeySGOApplicationsPending, 12, "")
	o := row.object()
	o.Resize(fyne.NewSize(400, 40))
	test.AssertObjectRendersToMarkup(t, "widgets/measure-row.xml", o)

	card := newSuccessCard(successCard{who: "A.B.", what: "Adopted", when: data.MustDate("2026-02-14")}, nil)
	card.Resize(fyne.NewSize(250, 96))
	test.AssertObjectRendersToMarkup(t, "widgets/success-card.xml", card)
}

// inCareAt is the spec's rule, written again here from measures.md: entered
// care by a, not ceased by a, not on a V3/V4 short break.
func inCareAt(c *data.Child, a data.Date) bool {
	return !c.EnteredCare.IsZero() && c.EnteredCare <= a && (c.CeasedCare.IsZero() || c.CeasedCare > a) &&
		c.LegalStatus != "V3" && c.LegalStatus != "V4"
}

// What a user checks on each screen: the headline numbers are the children
// the spec counts (worked out here from the children's dates), the parts
// add up to the whole, and a tile opens exactly the children it counts.
func TestScreensShowTheSpecsCounts(t *testing.T) {
	u, w := newTestUI(t, demoStore(t))
	u.bridge.wait()
	m := u.snap.m
	a := m.AsOf
	var inCare, proceedings, sgoPlan int
	for i := range m.Children {
		c := &m.Children[i]
		if inCareAt(c, a) {
			inCare++
			if c.Plan == data.PlanSpecialGuardianship {
				sgoPlan++
			}
		}
		if !c.ProceedingsIssued.IsZero() && c.ProceedingsIssued <= a && (c.FinalHearing.IsZero() || c.FinalHearing > a) {
			proceedings++
		}
	}
	if inCare < 100 || proceedings == 0 || sgoPlan == 0 {
		t.Fatalf("the demo should have children in care (%d), in proceedings (%d) and with SGO plans (%d)", inCare, proceedings, sgoPlan)
	}

	u.show(0)
	if got := u.overview.inCare.value.Text; got != thousands(inCare) {
		t.Errorf("Overview: %s children in care, the spec counts %d", got, inCare)
	}
	test.Tap(u.overview.proc)
	if u.drill == nil || !strings.Contains(test.RenderToMarkup(w.Canvas()), plural(proceedings, "child", "children")+" as at") {
		t.Errorf("the proceedings tile should open the %d children in proceedings", proceedings)
	}
	u.drill.Hide()

	u.show(3)
	if got := u.plans.sgoPlan.count.Text; got != thousands(sgoPlan) {
		t.Errorf("Plans: %s SGO plans, the spec counts %d", got, sgoPlan)
	}
	sz := u.plans.sgoPlan.count.Size()
	test.TapAt(u.plans.sgoPlan.count, fyne.NewPos(sz.Width/2, sz.Height/2))
	if u.drill == nil || len(u.drillTable.rows) != sgoPlan {
		t.Errorf("the SGO plan count should list its %d children", sgoPlan)
	}
	for _, i := range u.drillTable.rows {
		if c := u.snap.child(i); c.Plan != data.PlanSpecialGuardianship || !inCareAt(c, a) {
			t.Errorf("%s is listed under SGO plans but is not a child in care with one", c.ID)
		}
	}
	u.drill.Hide()
}

// The Celebrations total is the sum of its five tiles, which are the
// successes celebrations.total counts; a court milestone is shown apart
// and says it is not part of the total.
func TestCelebrationsTotalIsItsTiles(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	u.bridge.wait()
	u.show(4)
	s := u.celebrations
	sum := 0
	for _, tl := range s.tiles {
		n := 0
		for _, r := range tl.value.Text {
			if r >= '0' && r <= '9' {
				n = n*10 + int(r-'0')
			}
		}
		sum += n
	}
	if len(s.tiles) != 5 || s.total.Text != thousands(sum) {
		t.Errorf("total %s, tiles (%d of them) add up to %d", s.total.Text, len(s.tiles), sum)
	}
	if !strings.Contains(s.court.note.Text, "not counted in the total") {
		t.Errorf("the court milestone should say it is not part of the total: %q", s.court.note.Text)
	}
	// The chart's last quarter and the table agree with the tiles' kinds.
	l := s.quarterList()
	if len(l.cols) != 7 || l.cols[6].Heading != "Total" {
		t.Errorf("quarter table columns: %+v", l.cols)
	}
	for _, row := range l.rows {
		total := 0
		for _, v := range row[1:6] {
			total += v.(int)
		}
		if row[6].(int) != total {
			t.Errorf("%v: the quarter's total is not the sum of its successes", row)
		}
	}
}

// One RAG: the A1 tile's colour is the status the reports give the same
// mean. The demo's A1 is compared with the catalogue's bands, written out
// here: green up to 426 days, amber up to 487, red above.
func TestScorecardTileColourIsTheReportsStatus(t *testing.T) {
	u, _ := newTestUI(t, demoStore(t))
	u.bridge.wait()
	u.show(2)
	mean, ok := u.snap.m.Number(data.KeyA1MeanDays)
	if !ok {
		t.Skip("no adoptions in the demo's period")
	}
	want := theme.ColorNameSuccess
	switch {
	case mean > 487:
		want = colorNameWarning // the app's red
	case mean > 426:
		want = colorNameAmber
	}
	if got := u.adoption.a1.colorName; got != want {
		t.Errorf("A1 %.0f days shown in %s, want %s", mean, got, want)
	}
}

// A number that can be clicked shows it when the mouse is over it.
func TestTileHover(t *testing.T) {
	test.NewTempApp(t)
	tl := newTile("Children in care", func() {})
	tl.Resize(fyne.NewSize(200, 130))
	plain := tl.bg.FillColor
	tl.MouseIn(&desktop.MouseEvent{})
	if tl.bg.FillColor == plain || tl.bg.StrokeWidth == 0 {
		t.Error("a clickable tile should light up under the mouse")
	}
	tl.MouseOut()
	if tl.bg.FillColor != plain || tl.bg.StrokeWidth != 0 {
		t.Error("the tile should go back when the mouse leaves")
	}
}
