package app

import (
	"fmt"
	"image"
	"permanence/data/export"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/charts"
	"permanence/data"
)

// overviewScreen: the headline numbers and the cohort in care by plan, age
// band and legal status.
type overviewScreen struct {
	u                                           host
	obj                                         fyne.CanvasObject
	inCare, pre, proc, over26, adopt, successes *tile
	plan, age, legal                            *breakdown
	asAt                                        *widget.Label
}

func newOverviewScreen(u host) *overviewScreen {
	s := &overviewScreen{u: u}
	drill := func(title string, key data.Key) func() { return func() { u.drillDown(title, key) } }
	s.inCare = newTile("Children in care", drill("Children in care", data.KeyInCare))
	s.pre = newTile("In pre-proceedings (PLO)", drill("Children in pre-proceedings", data.KeyPreProceedings))
	s.proc = newTile("In care proceedings", drill("Children in care proceedings", data.KeyProceedings))
	s.over26 = newTile("Proceedings past 26 weeks", drill("Children in proceedings past 26 weeks", data.KeyProceedingsOver26Weeks))
	s.adopt = newTile("Active adoption plans", drill("Children with an active adoption plan", data.KeyAdoptionActive))
	s.successes = newTile("Successes this period", drill("This period's successes", data.KeyCelebrations))
	s.plan = newBreakdown(u, 300, "Children in care by permanence plan", "Permanence plan")
	s.age = newBreakdown(u, 260, "Children in care by age", "Age band")
	s.legal = newBreakdown(u, 260, "Children in care by legal status", "Legal status")
	s.asAt = note("")
	tiles := newGrid(6, 150, s.inCare, s.pre, s.proc, s.over26, s.adopt, s.successes)
	body := container.NewVBox(
		heading("Overview"), s.asAt, tiles,
		section("The cohort by permanence plan", s.plan.obj),
		newGrid(2, 380,
			section("By age band", s.age.obj),
			section("By legal status", s.legal.obj)),
	)
	s.obj = container.NewVScroll(container.NewPadded(body))
	return s
}

func (s *overviewScreen) name() string              { return "overview" }
func (s *overviewScreen) title() string             { return "Overview" }
func (s *overviewScreen) icon() fyne.Resource       { return theme.HomeIcon() }
func (s *overviewScreen) object() fyne.CanvasObject { return s.obj }

func (s *overviewScreen) update(snap *snapshot) {
	m := snap.m
	s.asAt.SetText("As at " + ukDate(snap.view.asAt) + "; successes over the period " + snap.periodText() + ". Click any number to see the children behind it.")
	s.inCare.set(m.Count(data.KeyInCare), "")
	s.inCare.setBenchmark(inCareBenchmark(snap))
	s.pre.set(m.Count(data.KeyPreProceedings), medianNote(m, data.KeyPreProceedingsMedianDays, "median %.0f days so far"))
	s.proc.set(m.Count(data.KeyProceedings), medianNote(m, data.KeyProceedingsMedianDays, "median %.0f days so far"))
	s.over26.caption.SetText("Proceedings past " + limitText(m.Thresholds))
	s.over26.set(m.Count(data.KeyProceedingsOver26Weeks), "of "+thousands(m.Count(data.KeyProceedings))+" in proceedings")
	s.adopt.set(m.Count(data.KeyAdoptionActive), "ADM decision made, no order yet")
	s.successes.set(m.Count(data.KeyCelebrations), "orders, discharges and LTF matches")
	s.plan.set(planCategories(snap), true)
	s.age.set(ageCategories(snap), false)
	s.legal.set(legalCategories(snap), true)
}

func medianNote(m *data.Measures, key data.Key, format string) string {
	if v, ok := m.Number(key); ok {
		return fmt.Sprintf(format, v)
	}
	return ""
}

// category is one bar of a breakdown and the children behind it.
type category struct {
	label   string
	members []int
}

func planCategories(snap *snapshot) []category {
	out := make([]category, 0, len(data.Plans))
	for _, p := range data.Plans {
		members := snap.members(data.CohortKey(p))
		label, inferred := p.Label(), 0
		for _, i := range members {
			if snap.child(i).PlanInferred {
				inferred++
			}
		}
		if inferred > 0 {
			// An SSDA903 return records no plan: say how many were inferred.
			label += fmt.Sprintf(" (%s inferred)", thousands(inferred))
		}
		out = append(out, category{label, members})
	}
	return out
}

func ageCategories(snap *snapshot) []category {
	by := map[string][]int{}
	for _, i := range snap.members(data.KeyInCare) {
		by[snap.rows[i].ageBand] = append(by[snap.rows[i].ageBand], i)
	}
	out := make([]category, 0, len(data.AgeBands))
	for _, b := range data.AgeBands {
		if b == "Unknown" && len(by[b]) == 0 {
			continue
		}
		out = append(out, category{b, by[b]})
	}
	return out
}

func legalCategories(snap *snapshot) []category {
	by := map[string][]int{}
	for _, i := range snap.members(data.KeyInCare) {
		by[snap.rows[i].legal] = append(by[snap.rows[i].legal], i)
	}
	var out []category
	for _, g := range data.LegalStatusGroups {
		if len(by[g]) > 0 {
			out = append(out, category{g, by[g]})
		}
	}
	return out
}

// breakdown is a bar chart of categories beside the same counts as links.
type breakdown struct {
	u     host
	title string
	chart *chartView
	links *fyne.Container
	obj   fyne.CanvasObject
	cats  []category
	bc    charts.BarChart
}

func newBreakdown(u host, height float32, title, category string) *breakdown {
	b := &breakdown{u: u, title: title, chart: newChartView(height), links: container.NewVBox()}
	u.exportableChart(b.chart, title, func() shownList { return b.shown(category) })
	b.obj = container.NewBorder(nil, nil, nil, container.NewPadded(b.links), b.chart)
	b.chart.onTap = func(fx, fy float32) {
		if i := b.barAt(fx, fy); i >= 0 {
			b.open(i)
		}
	}
	b.chart.hint = func(fx, fy float32) string {
		i := b.barAt(fx, fy)
		if i < 0 {
			return ""
		}
		c := b.cats[i]
		return fmt.Sprintf("%s: %s. Click to list them", c.label, plural(len(c.members), "child", "children"))
	}
	return b
}

// barAt is the category whose bar is at (fx, fy), fractions of the chart's
// size, or -1.
func (b *breakdown) barAt(fx, fy float32) int {
	st := b.chart.lastStyle
	if st.Width == 0 {
		return -1
	}
	if i := charts.BarAt(b.bc, st, float64(fx)*float64(st.Width), float64(fy)*float64(st.Height)); i >= 0 && i < len(b.cats) {
		return i
	}
	return -1
}

func (b *breakdown) open(i int) {
	c := b.cats[i]
	b.u.showChildren(b.title+": "+c.label, c.members)
}

// shown is the breakdown's figures as a list: each category and its count.
func (b *breakdown) shown(category string) shownList {
	l := shownList{name: b.title, cols: []export.ListColumn{{Heading: category}, {Heading: "Children"}}}
	for _, c := range b.cats {
		l.rows = append(l.rows, []any{c.label, len(c.members)})
	}
	return l
}

// set shows the categories; horizontal suits long labels.
func (b *breakdown) set(cats []category, horizontal bool) {
	b.cats = cats
	bars := make([]charts.Bar, len(cats))
	b.links.Objects = b.links.Objects[:0]
	grid := container.New(layout.NewFormLayout())
	for i, c := range cats {
		bars[i] = charts.Bar{Label: c.label, Value: float64(len(c.members))}
		i := i
		grid.Add(widget.NewLabel(c.label))
		grid.Add(countLink(len(c.members), func() { b.open(i) }))
	}
	b.links.Add(grid)
	b.links.Refresh()
	bc := charts.BarChart{Title: b.title, YLabel: "Children", Bars: bars, Horizontal: horizontal, ValueLabels: true}
	b.bc = bc
	b.chart.set(func(st charts.Style) (image.Image, error) { return charts.RenderBar(bc, st) })
}
