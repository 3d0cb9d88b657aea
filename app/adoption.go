package app

import (
	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/charts"
	"permanence/data"
)

// adoptionScreen: the adoption journey, the scorecard (A1, A2, A10), the
// trend in time to placement order, early permanence, and placement orders
// where adoption is no longer the plan.
type adoptionScreen struct {
	u                   host
	obj                 fyne.CanvasObject
	journey             *breakdown
	a1, a2, a10         *tile
	poTrend             *chartView
	quarters            *quarterTable
	epCurrent, epPlaced *measureRow
	epMedian            *widget.Label
	awaiting, revoked   *measureRow
	awaitingList        *childTable
}

func newAdoptionScreen(u host) *adoptionScreen {
	s := &adoptionScreen{u: u}
	drill := func(title string, key data.Key) func() { return func() { u.drillDown(title, key) } }
	s.journey = newBreakdown(u, 280, "The adoption journey: where children are now", "Stage")
	s.a1 = newTile("A1: entering care to moving in with adopters (mean days)", drill("A1: children adopted this period", data.KeyA1Count))
	s.a2 = newTile("A2: placement order to match (mean days)", drill("A2: children adopted this period", data.KeyA2Count))
	s.a10 = newTile("A10: entering care to moving in with the family who adopted (mean days)", drill("A10: children adopted this period", data.KeyA10Count))
	s.poTrend = newChartView(260)
	s.quarters = newQuarterTable()
	u.exportableChart(s.poTrend, "Median weeks from issue to placement order",
		func() shownList { return s.quarters.shown("Placement orders by quarter") })
	onTap := func(key data.Key) { u.drillDown(measureLabel(u, key), key) }
	s.epCurrent = newMeasureRow("In an early permanence placement now", onTap)
	s.epPlaced = newMeasureRow("Early permanence placements this period", onTap)
	s.epMedian = note("")
	s.awaiting = newMeasureRow("Placement order, adoption no longer the plan, awaiting revocation", onTap)
	s.revoked = newMeasureRow("Placement orders revoked this period", onTap)
	s.awaitingList = newChildTable([]column{colChild(u.names), colTeam, colPlan,
		colDate("Placement order", func(c *data.Child) data.Date { return c.PlacementOrder }),
		colDate("Adoption plan ended", func(c *data.Child) data.Date { return c.AdoptionPlanEnded }),
		colSince("Time since", func(c *data.Child) data.Date { return c.AdoptionPlanEnded })},
		func(i int) { u.openChild(i) }, nil)
	body := container.NewVBox(
		heading("Adoption"),
		section("The journey", note("Children in care with an adoption decision (ADM) and no adoption order, by the furthest stage reached; and the adoption orders made this period."), s.journey.obj),
		section("Adoption scorecard (children adopted this period)", newGrid(3, 220, s.a1, s.a2, s.a10)),
		section("Time from issue to placement order by quarter", s.poTrend, s.quarters.grid),
		newGrid(2, 380,
			section("Early permanence", s.epCurrent.object(), s.epPlaced.object(), s.epMedian),
			section("Placement orders where adoption is no longer the plan", s.awaiting.object(), s.revoked.object())),
		container.NewBorder(nil, nil, nil,
			u.listButton(func() shownList { return s.awaitingList.shown("PO awaiting revocation", u.names()) }),
			note("Children awaiting revocation of their placement order, longest waiting first.")),
		withHeight(s.awaitingList.obj, 220),
	)
	s.obj = container.NewVScroll(container.NewPadded(body))
	return s
}

func (s *adoptionScreen) name() string              { return "adoption" }
func (s *adoptionScreen) title() string             { return "Adoption" }
func (s *adoptionScreen) icon() fyne.Resource       { return theme.ContentAddIcon() }
func (s *adoptionScreen) object() fyne.CanvasObject { return s.obj }

// journeyStages are the adoption stages in order.
var journeyStages = []string{"ADM decision", "Placement order", "Matched", "Placed for adoption", "Application made", "Adopted this period"}

// adoptionJourney puts each child with an active adoption decision at the
// furthest stage they have reached by the as-at date.
func adoptionJourney(snap *snapshot) []category {
	a := snap.view.asAt
	cats := make([]category, len(journeyStages))
	for i, l := range journeyStages {
		cats[i].label = l
	}
	for _, i := range snap.inCare {
		c := snap.child(i)
		if !c.ADMAdoption.By(a) || c.AdoptionOrder.By(a) || c.AdoptionPlanEnded.By(a) {
			continue
		}
		stage := 0
		switch {
		case c.AdoptionApplication.By(a):
			stage = 4
		case c.PlacedForAdoption.By(a):
			stage = 3
		case c.Match.By(a):
			stage = 2
		case c.PlacementOrder.By(a):
			stage = 1
		}
		cats[stage].members = append(cats[stage].members, i)
	}
	cats[5].members = snap.members(data.KeyAdoptionOrders)
	return cats
}

func (s *adoptionScreen) update(snap *snapshot) {
	m := snap.m
	s.journey.set(adoptionJourney(snap), false)
	th := m.Thresholds
	scoreTile(s.a1, m, data.KeyA1Count, data.KeyA1MeanDays, data.KeyA1Within, th.A1Days)
	scoreTile(s.a2, m, data.KeyA2Count, data.KeyA2MeanDays, data.KeyA2Within, th.A2Days)
	scoreTile(s.a10, m, data.KeyA10Count, data.KeyA10MeanDays, data.KeyA10Within, th.A1Days)

	var labels []string
	var vals []float64
	var missing []bool
	var rows [][]fyne.CanvasObject
	var values [][]any
	for _, q := range m.Quarters {
		q := q
		label := quarterLabel(q, m.AsOf)
		v, ok := m.Number(data.TrendKey(data.TrendPlacementOrder, q, data.TrendMedianWeeks))
		labels, vals, missing = append(labels, q.Name), append(vals, v), append(missing, !ok)
		median := "–"
		var medianValue any
		if ok {
			median = fmt.Sprintf("%.1f", v)
			medianValue = v
		}
		values = append(values, []any{label, m.Count(data.TrendKey(data.TrendPlacementOrder, q, data.TrendCount)), medianValue})
		rows = append(rows, []fyne.CanvasObject{widget.NewLabel(label),
			countLink(m.Count(data.TrendKey(data.TrendPlacementOrder, q, data.TrendCount)), func() {
				s.u.drillDown("Placement orders in "+label, data.TrendKey(data.TrendPlacementOrder, q, data.TrendCount))
			}),
			widget.NewLabel(median)})
	}
	lc := charts.LineChart{Title: "Median weeks from issue to placement order", YLabel: "Weeks", YMin0: true, ValueLabels: true,
		Series:     []charts.Series{{Name: "Median weeks", Labels: labels, Values: vals, Missing: missing}},
		Thresholds: []charts.Threshold{limitLine(m.Thresholds)}}
	s.poTrend.set(func(st charts.Style) (image.Image, error) { return charts.RenderLine(lc, st) })
	s.quarters.set([]string{"Quarter", "Placement orders", "Median weeks from issue"}, rows, values)

	s.epCurrent.set(data.KeyEarlyPermanenceCurrent, m.Count(data.KeyEarlyPermanenceCurrent), "")
	s.epPlaced.set(data.KeyEarlyPermanencePlacements, m.Count(data.KeyEarlyPermanencePlacements), "")
	s.epMedian.SetText(medianNote(m, data.KeyEarlyPermanenceMedianDays, "Median %.0f days from entering care to an early permanence placement."))
	s.awaiting.set(data.KeyAwaitingRevocation, m.Count(data.KeyAwaitingRevocation), "")
	s.revoked.set(data.KeyPlacementOrdersRevoked, m.Count(data.KeyPlacementOrdersRevoked), "")
	s.awaitingList.set(snap, oldestFirst(snap.members(data.KeyAwaitingRevocation),
		func(i int) data.Date { return snap.child(i).AdoptionPlanEnded }))
}

// scoreTile shows a scorecard mean against its threshold.
// Its colour is the catalogue's red/amber/green status, as on every slide
// and in every report.
func scoreTile(t *tile, m *data.Measures, count, meanKey, within data.Key, limit int) {
	t.setBenchmark(tileBenchmark(m, meanKey, ""))
	n := m.Count(count)
	mean, ok := m.Number(meanKey)
	if !ok {
		t.colorName = theme.ColorNameDisabled
		t.setText("–", fmt.Sprintf("No children adopted this period to measure (threshold %d days).", limit))
		return
	}
	t.colorName = ragColour(m.RateRAG(meanKey).Status)
	t.setText(fmt.Sprintf("%.0f", mean), fmt.Sprintf("Threshold %d days: %d of %d children within it.", limit, m.Count(within), n))
}

// measureLabel is the measure's own label, for drill-down titles.
func measureLabel(u host, key data.Key) string {
	if u.snapshot() != nil {
		if v, ok := u.snapshot().m.Get(key); ok {
			return v.Label
		}
	}
	return string(key)
}
