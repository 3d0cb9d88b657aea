package charts

import (
	"image"
	"image/color"
	"math"
	"sort"
	"time"
)

// Milestone is one dated event of a child's case, e.g. {"Entered care",
// date, "Care"}.
type Milestone struct {
	Label string
	// Date is the day of the milestone; a zero Date (not recorded) leaves
	// the milestone out.
	Date time.Time
	// Group colours the milestone and names it in the legend, e.g. "Care",
	// "Court", "Adoption"; "" is the first palette colour with no legend.
	Group string
}

// TimelineChart is every dated milestone of one child on one horizontal
// time axis, labels staggered above and below it so they do not overlap.
// Milestones after AsAt (due dates, such as the next panel review) are
// drawn as rings rather than dots.
type TimelineChart struct {
	Title      string
	Milestones []Milestone
	// AsAt draws a dashed "As at <date>" marker (the extract's date); the
	// zero time draws none.
	AsAt time.Time
}

// DateFormat is how the charts write a day: "2 Jan 2006".
const DateFormat = "2 Jan 2006"

// timeLayout maps days onto the plot's width.
type timeLayout struct {
	plot   rect
	t0, t1 time.Time
	axisY  float64
}

func (l timeLayout) x(t time.Time) float64 {
	f := t.Sub(l.t0).Hours() / l.t1.Sub(l.t0).Hours()
	return l.plot.x0 + f*l.plot.w()
}

// placed is a milestone's label box on the chart.
type placed struct {
	m         Milestone
	x         float64 // the milestone's x on the axis
	box       rect
	above     bool
	col       color.Color
	lab, date string
}

// RenderTimeline draws c at the style's size. A timeline with no dated
// milestone gives an image with the centred text NoDataText.
func RenderTimeline(c TimelineChart, s Style) (image.Image, error) {
	img, _, _, err := renderTimeline(c, s)
	return img, err
}

// renderTimeline draws tc, and returns the time axis and where each
// milestone's label went (in date order) as well.
func renderTimeline(tc TimelineChart, s Style) (image.Image, *timeLayout, []placed, error) {
	c, err := newCanvas(s)
	if err != nil {
		return nil, nil, nil, err
	}
	ms := datedMilestones(tc.Milestones)
	if len(ms) == 0 {
		return c.noData(tc.Title), nil, nil, nil
	}
	pad := math.Round(0.9 * c.em)
	top := c.header(tc.Title)
	groupCol, items := c.groupColours(tc.Milestones)
	top = c.legend(items, pad, top, c.w-2*pad)
	l := c.timeAxis(ms, tc.AsAt, top)
	c.timeGrid(l)
	if !tc.AsAt.IsZero() {
		c.asAtMarker(l, tc.AsAt)
	}
	ps := c.placeLabels(l, ms, groupCol)
	c.drawMilestones(l, ps, tc.AsAt)
	return c.img, l, ps, nil
}

// datedMilestones is the milestones that have a date, in date order
// (milestones on the same day in the order given).
func datedMilestones(all []Milestone) []Milestone {
	var ms []Milestone
	for _, m := range all {
		if !m.Date.IsZero() {
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Date.Before(ms[j].Date) })
	return ms
}

// groupColours gives each group of the dated milestones a colour, in order
// of first appearance, and lists the named groups for the legend.
func (c *canvas) groupColours(all []Milestone) (map[string]color.Color, []legendItem) {
	groupCol := map[string]color.Color{}
	var items []legendItem
	for _, m := range all {
		if _, ok := groupCol[m.Group]; !ok && !m.Date.IsZero() {
			groupCol[m.Group] = c.st.color(len(groupCol))
			if m.Group != "" {
				items = append(items, legendItem{name: m.Group, col: groupCol[m.Group]})
			}
		}
	}
	return groupCol, items
}

// timeAxis lays out the time axis below top: it spans the milestones (ms,
// in date order) and the as-at day, padded, with room for the dates along
// the bottom and the as-at marker's label (when asAt is set) at the top.
func (c *canvas) timeAxis(ms []Milestone, asAt time.Time, top float64) *timeLayout {
	em, pad := c.em, math.Round(0.9*c.em)
	lh := c.lineH(sizeBody)
	l := &timeLayout{t0: ms[0].Date, t1: ms[len(ms)-1].Date}
	if !asAt.IsZero() {
		if asAt.Before(l.t0) {
			l.t0 = asAt
		}
		if asAt.After(l.t1) {
			l.t1 = asAt
		}
	}
	padding := time.Duration(math.Max(float64(l.t1.Sub(l.t0))*0.03, float64(15*24*time.Hour)))
	l.t0, l.t1 = l.t0.Add(-padding), l.t1.Add(padding)

	l.plot = rect{x0: pad, x1: c.w - pad, y0: top, y1: c.h - pad - lh - math.Round(0.4*em)}
	if !asAt.IsZero() {
		l.plot.y0 += lh + math.Round(0.2*em) // the marker's label
	}
	l.axisY = math.Round((l.plot.y0 + l.plot.y1) / 2)
	return l
}

// timeGrid draws the time ticks: vertical grid lines with their dates
// along the bottom.
func (c *canvas) timeGrid(l *timeLayout) {
	em, pad := c.em, math.Round(0.9*c.em)
	tickW := c.measure("Sep 2025", sizeBody) + 1.5*em
	tts, format := timeTicks(l.t0, l.t1, int(l.plot.w()/tickW))
	for _, t := range tts {
		x := l.x(t)
		c.vline(x, l.plot.y0, l.plot.y1, c.lw, c.st.Grid)
		lab := t.Format(format)
		w := c.measure(lab, sizeBody)
		x = math.Max(pad+w/2, math.Min(c.w-pad-w/2, x))
		c.text(lab, x, l.plot.y1+math.Round(0.4*em)+c.ascent(sizeBody), sizeBody, c.muted, alignCenter)
	}
}

// asAtMarker draws the dashed as-at marker and its label, under the
// milestones.
func (c *canvas) asAtMarker(l *timeLayout, asAt time.Time) {
	em, pad := c.em, math.Round(0.9*c.em)
	lh := c.lineH(sizeBody)
	x := l.x(asAt)
	c.dashedV(x, l.plot.y0-math.Round(0.2*em), l.plot.y1, 2*c.lw, math.Round(0.5*em), math.Round(0.35*em), c.st.Accent)
	lab := "As at " + asAt.Format(DateFormat)
	w := c.measure(lab, sizeBody)
	lx := math.Max(pad+w/2, math.Min(c.w-pad-w/2, x))
	c.text(lab, lx, l.plot.y0-lh-math.Round(0.2*em)+c.ascent(sizeBody), sizeBody, c.st.Accent, alignCenter)
}

// placeLabels places the milestones' labels: two lines (what, when) in
// lanes above and below the axis, alternating sides, each in the nearest
// lane where it does not overlap the label before it.
func (c *canvas) placeLabels(l *timeLayout, ms []Milestone, groupCol map[string]color.Color) []placed {
	em := c.em
	lh := c.lineH(sizeBody)
	gapY := math.Round(0.9 * em)
	laneH := 2*lh + math.Round(0.7*em)
	lanes := max(1, int((l.axisY-l.plot.y0-gapY)/laneH))
	laneEnd := make([]float64, 2*lanes) // even: above, odd: below
	for i := range laneEnd {
		laneEnd[i] = math.Inf(-1)
	}
	gapX := math.Round(1.2 * em)
	ps := make([]placed, len(ms))
	up := true
	for i, m := range ms {
		p := placed{m: m, x: l.x(m.Date), col: groupCol[m.Group]}
		p.lab = c.ellipsis(m.Label, math.Max(8*em, c.w/4), sizeBody)
		p.date = m.Date.Format(DateFormat)
		bw := math.Max(c.measure(p.lab, sizeBody), c.measure(p.date, sizeBody))
		x0 := math.Max(l.plot.x0, math.Min(l.plot.x1-bw, p.x-bw/2))
		best, x0 := freeLane(laneEnd, lanes, up, x0, bw, gapX, l.plot.x1)
		laneEnd[best] = x0 + bw
		k := float64(best / 2)
		p.above = best%2 == 0
		if p.above {
			y1 := l.axisY - gapY - k*laneH
			p.box = rect{x0, y1 - 2*lh, x0 + bw, y1}
		} else {
			y0 := l.axisY + gapY + k*laneH
			p.box = rect{x0, y0, x0 + bw, y0 + 2*lh}
		}
		ps[i] = p
		up = !p.above
	}
	return ps
}

// freeLane picks the lane for a label of width bw that would start at x0:
// the nearest lane to the axis (trying the up side first at each
// distance) whose last label ends at least gapX before x0. laneEnd holds
// where each lane's last label ends (even lanes above the axis, odd below).
// When every lane is taken there, it is the lane that frees first, and the
// label shifts right (up to xMax) to clear it. It returns the lane and the
// label's x0.
func freeLane(laneEnd []float64, lanes int, up bool, x0, bw, gapX, xMax float64) (int, float64) {
	for k := 0; k < lanes; k++ {
		for _, side := range [2]bool{up, !up} {
			lane := 2 * k
			if !side {
				lane++
			}
			if x0 >= laneEnd[lane]+gapX {
				return lane, x0
			}
		}
	}
	best, bestEnd := -1, math.Inf(1)
	for lane, end := range laneEnd {
		if end < bestEnd {
			best, bestEnd = lane, end
		}
	}
	return best, math.Max(x0, math.Min(bestEnd+gapX, xMax-bw))
}

// drawMilestones draws the axis, then each milestone's leader line, label
// (on a patch of background) and dot; milestones after asAt are rings.
func (c *canvas) drawMilestones(l *timeLayout, ps []placed, asAt time.Time) {
	em := c.em
	lh := c.lineH(sizeBody)
	c.hline(l.plot.x0, l.plot.x1, l.axisY, 2*c.lw, c.axis)
	r := math.Round(0.42 * em)
	for _, p := range ps {
		lx := math.Max(p.box.x0, math.Min(p.box.x1, p.x))
		ey := p.box.y1 + math.Round(0.15*em)
		if !p.above {
			ey = p.box.y0 - math.Round(0.15*em)
		}
		c.polyline([][2]float64{{p.x, l.axisY}, {lx, ey}}, c.lw, mix(p.col, c.st.Background, 0.7))
	}
	for _, p := range ps { // on a patch of background: grid and marker lines pass behind
		cx := (p.box.x0 + p.box.x1) / 2
		c.fill(p.box.x0-0.25*em, p.box.y0, p.box.x1+0.25*em, p.box.y1, c.st.Background)
		c.text(p.lab, cx, p.box.y0+c.ascent(sizeBody), sizeBody, c.st.Foreground, alignCenter)
		c.text(p.date, cx, p.box.y0+lh+c.ascent(sizeBody), sizeBody, c.muted, alignCenter)
	}
	for _, p := range ps {
		c.disc(p.x, l.axisY, r+1.5*c.lw, c.st.Background)
		c.disc(p.x, l.axisY, r, p.col)
		if !asAt.IsZero() && p.m.Date.After(asAt) { // not yet: a ring
			c.disc(p.x, l.axisY, r-math.Max(2, 2*c.lw), c.st.Background)
		}
	}
}

// timeTicks returns round dates from t0 to t1, at most about maxTicks of
// them, and the layout to write them in.
func timeTicks(t0, t1 time.Time, maxTicks int) ([]time.Time, string) {
	maxTicks = max(maxTicks, 2)
	days := t1.Sub(t0).Hours() / 24
	if days < 75 {
		step := 7
		if days/7 > float64(maxTicks) {
			step = 14
		}
		start := time.Date(t0.Year(), t0.Month(), t0.Day(), 0, 0, 0, 0, t0.Location())
		for start.Weekday() != time.Monday {
			start = start.AddDate(0, 0, 1)
		}
		var ts []time.Time
		for t := start; !t.After(t1); t = t.AddDate(0, 0, step) {
			ts = append(ts, t)
		}
		return ts, "2 Jan"
	}
	months := days / 30.44
	step := 12
	for _, s := range []int{1, 2, 3, 6, 12, 24, 60, 120} {
		step = s
		if months/float64(s) <= float64(maxTicks) {
			break
		}
	}
	y, m := t0.Year(), int(t0.Month())-1 // months from January
	mi := y*12 + m
	for mi%step != 0 {
		mi++
	}
	var ts []time.Time
	for ; ; mi += step {
		t := time.Date(mi/12, time.Month(mi%12+1), 1, 0, 0, 0, 0, t0.Location())
		if t.After(t1) {
			break
		}
		if !t.Before(t0) {
			ts = append(ts, t)
		}
	}
	if step >= 12 {
		return ts, "2006"
	}
	return ts, "Jan 2006"
}
