package app

import (
	"fmt"
	"image"
	"math"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/charts"
	"permanence/data"
)

// courtScreen: children in pre-proceedings and proceedings with the weeks
// elapsed, the trend in time to final hearing, and children past 26 weeks.
type courtScreen struct {
	u                           host
	obj                         fyne.CanvasObject
	pre, proc, over26, hearing  *tile
	weeks, within               *chartView
	noCourt                     *widget.Label // the source has no court dates
	quarters                    *quarterTable
	preList, procList, overList *childTable
	tabs                        *container.AppTabs
}

func newCourtScreen(u host) *courtScreen {
	s := &courtScreen{u: u}
	drill := func(title string, key data.Key) func() { return func() { u.drillDown(title, key) } }
	s.pre = newTile("In pre-proceedings (PLO)", drill("Children in pre-proceedings", data.KeyPreProceedings))
	s.proc = newTile("In care proceedings", drill("Children in care proceedings", data.KeyProceedings))
	s.over26 = newTile("Proceedings past 26 weeks", drill("Children in proceedings past 26 weeks", data.KeyProceedingsOver26Weeks))
	s.hearing = newTile("Final hearings this period", drill("Final hearings in the period", data.KeyFinalHearings))
	s.weeks = newChartView(280)
	s.within = newChartView(280)
	s.quarters = newQuarterTable()
	open := func(i int) { u.openChild(i) }
	issued := func(c *data.Child) data.Date { return c.ProceedingsIssued }
	started := func(c *data.Child) data.Date { return c.PreProceedingsStart }
	s.preList = newChildTable([]column{colChild(u.names), colTeam, colPlan,
		colDate("PLO started", started), colSince("Time so far", started), colDrift}, open, nil)
	s.procList = newChildTable([]column{colChild(u.names), colTeam, colPlan,
		colDate("Issued", issued), colSince("Time so far", issued), colDrift}, open, nil)
	s.overList = newChildTable([]column{colChild(u.names), colTeam, colPlan,
		colDate("Issued", issued), colSince("Time so far", issued), colDrift}, open, nil)
	s.tabs = container.NewAppTabs(
		container.NewTabItem("In pre-proceedings", s.preList.obj),
		container.NewTabItem("In proceedings", s.procList.obj),
		container.NewTabItem("Past 26 weeks", s.overList.obj),
	)
	figures := func() shownList { return s.quarters.shown("Final hearings by quarter") }
	u.exportableChart(s.weeks, "Median weeks from issue to final hearing", figures)
	u.exportableChart(s.within, "Final hearings within 26 weeks", figures)
	s.noCourt = note("")
	s.noCourt.Importance = widget.WarningImportance
	s.noCourt.Hide()
	body := container.NewVBox(
		heading("Court"),
		s.noCourt,
		note("Care proceedings should finish within 26 weeks of issue (Children and Families Act 2014, s.14); pre-proceedings best practice is about 16 weeks."),
		newGrid(4, 170, s.pre, s.proc, s.over26, s.hearing),
		section("Time to final hearing by quarter",
			newGrid(2, 380, s.weeks, s.within), s.quarters.grid),
		sectionWith("Children before the court", u.listButton(s.shownList), withHeight(s.tabs, 380)),
	)
	s.obj = container.NewVScroll(container.NewPadded(body))
	return s
}

// courtLists are the names of the lists before the court, by tab.
var courtLists = []string{"Children in pre-proceedings", "Children in care proceedings", "Proceedings past 26 weeks"}

// shownList is the list on the tab that is open.
func (s *courtScreen) shownList() shownList {
	i := max(s.tabs.SelectedIndex(), 0)
	t := []*childTable{s.preList, s.procList, s.overList}[i]
	return t.shown(courtLists[i], s.u.names())
}

func (s *courtScreen) name() string              { return "court" }
func (s *courtScreen) title() string             { return "Court" }
func (s *courtScreen) icon() fyne.Resource       { return theme.HistoryIcon() }
func (s *courtScreen) object() fyne.CanvasObject { return s.obj }

func (s *courtScreen) update(snap *snapshot) {
	m := snap.m
	if snap.hasCourtDates() {
		s.noCourt.Hide()
	} else {
		s.noCourt.SetText("No extract in the store carries court dates (an SSDA903 return has none): the counts below are " +
			"zero because the source does not record pre-proceedings, proceedings or final hearings, not because there are none. " +
			"Import the authority's tracker extract to see them.")
		s.noCourt.Show()
	}
	s.pre.set(m.Count(data.KeyPreProceedings), medianNote(m, data.KeyPreProceedingsMedianDays, "median %.0f days so far"))
	s.proc.set(m.Count(data.KeyProceedings), medianNote(m, data.KeyProceedingsMedianDays, "median %.0f days so far"))
	s.over26.caption.SetText("Proceedings past " + limitText(m.Thresholds))
	s.over26.set(m.Count(data.KeyProceedingsOver26Weeks), "of "+thousands(m.Count(data.KeyProceedings))+" in proceedings")
	lim := limitText(m.Thresholds)
	s.over26.caption.SetText("Proceedings past " + lim)
	hearingNote := fmt.Sprintf("%s within %s", thousands(m.Count(data.KeyFinalHearingsWithin26Weeks)), lim)
	if v, ok := m.Number(data.KeyFinalHearingsMedianWeeks); ok {
		hearingNote += fmt.Sprintf("; median %.1f weeks", v)
	}
	s.hearing.set(m.Count(data.KeyFinalHearings), hearingNote)
	s.hearing.setBenchmark(strings.Join(append(benchmarkCaptions(m, data.KeyFinalHearingsMedianWeeks, " to disposal"),
		benchmarkCaptions(m, data.KeyFinalHearingsWithin26Weeks, " within the limit")...), "\n"))

	t := finalHearingTrend(m)
	s.weeks.set(func(st charts.Style) (image.Image, error) { return charts.RenderLine(t.weeksChart(), st) })
	s.within.set(func(st charts.Style) (image.Image, error) { return charts.RenderBar(t.withinChart(), st) })
	var rows [][]fyne.CanvasObject
	var values [][]any
	for _, q := range m.Quarters {
		q := q
		label := quarterLabel(q, m.AsOf)
		median := "–"
		var medianValue any
		if v, ok := m.Number(data.TrendKey(data.TrendFinalHearing, q, data.TrendMedianWeeks)); ok {
			median = fmt.Sprintf("%.1f", v)
			medianValue = v
		}
		values = append(values, []any{label, m.Count(data.TrendKey(data.TrendFinalHearing, q, data.TrendCount)), m.Count(data.TrendKey(data.TrendFinalHearing, q, data.TrendWithin26Weeks)), medianValue})
		rows = append(rows, []fyne.CanvasObject{
			widget.NewLabel(label),
			countLink(m.Count(data.TrendKey(data.TrendFinalHearing, q, data.TrendCount)), func() {
				s.u.drillDown("Final hearings in "+label, data.TrendKey(data.TrendFinalHearing, q, data.TrendCount))
			}),
			countLink(m.Count(data.TrendKey(data.TrendFinalHearing, q, data.TrendWithin26Weeks)), func() {
				s.u.drillDown("Final hearings within "+lim+" in "+label, data.TrendKey(data.TrendFinalHearing, q, data.TrendWithin26Weeks))
			}),
			widget.NewLabel(median),
		})
	}
	s.quarters.set([]string{"Quarter", "Final hearings", "Within " + lim, "Median weeks"}, rows, values)

	issued := func(i int) data.Date { return snap.child(i).ProceedingsIssued }
	started := func(i int) data.Date { return snap.child(i).PreProceedingsStart }
	s.preList.set(snap, oldestFirst(snap.members(data.KeyPreProceedings), started))
	s.procList.set(snap, oldestFirst(snap.members(data.KeyProceedings), issued))
	s.overList.set(snap, oldestFirst(snap.members(data.KeyProceedingsOver26Weeks), issued))
	s.tabs.Items[0].Text = "In pre-proceedings (" + thousands(len(s.preList.rows)) + ")"
	s.tabs.Items[1].Text = "In proceedings (" + thousands(len(s.procList.rows)) + ")"
	s.tabs.Items[2].Text = "Past " + lim + " (" + thousands(len(s.overList.rows)) + ")"
	s.tabs.Refresh()
}

// oldestFirst copies idx sorted by a date, longest-running first.
func oldestFirst(idx []int, when func(i int) data.Date) []int {
	out := append([]int(nil), idx...)
	sort.SliceStable(out, func(a, b int) bool { return when(out[a]) < when(out[b]) })
	return out
}

// trend is the final hearing trend by quarter.
type trend struct {
	labels  []string
	median  []float64
	missing []bool
	share   []float64
	limit   charts.Threshold
	within  string // "26 weeks"
	// weeksRefs and shareRefs are the published figures beside the median
	// weeks and the share within the limit (England and Wales's, the
	// authority's comparators): reference lines on the charts.
	weeksRefs, shareRefs []charts.Threshold
}

func finalHearingTrend(m *data.Measures) trend {
	t := trend{limit: limitLine(m.Thresholds), within: limitText(m.Thresholds),
		weeksRefs: referenceLines(m, data.KeyFinalHearingsMedianWeeks), shareRefs: referenceLines(m, data.KeyFinalHearingsWithin26Weeks)}
	for _, q := range m.Quarters {
		t.labels = append(t.labels, q.Name)
		v, ok := m.Number(data.TrendKey(data.TrendFinalHearing, q, data.TrendMedianWeeks))
		t.median = append(t.median, v)
		t.missing = append(t.missing, !ok)
		share := 0.0
		if n := m.Count(data.TrendKey(data.TrendFinalHearing, q, data.TrendCount)); n > 0 {
			share = math.Round(1000*float64(m.Count(data.TrendKey(data.TrendFinalHearing, q, data.TrendWithin26Weeks)))/float64(n)) / 10
		}
		t.share = append(t.share, share)
	}
	return t
}

func (t trend) weeksChart() charts.LineChart {
	return charts.LineChart{
		Title:       "Median weeks from issue to final hearing",
		YLabel:      "Weeks",
		Series:      []charts.Series{{Name: "Median weeks", Labels: t.labels, Values: t.median, Missing: t.missing}},
		Thresholds:  []charts.Threshold{t.limit},
		References:  t.weeksRefs,
		YMin0:       true,
		ValueLabels: true,
	}
}

func (t trend) withinChart() charts.BarChart {
	bars := make([]charts.Bar, len(t.labels))
	for i := range t.labels {
		bars[i] = charts.Bar{Label: t.labels[i], Value: t.share[i]}
	}
	return charts.BarChart{Title: "Final hearings within " + t.within + " (% of hearings)", YLabel: "Per cent", Bars: bars, ValueLabels: true,
		References: t.shareRefs}
}
