package charts

import (
	"image"
	"image/color"
	"math"
	"sort"
	"strings"
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
	// Birth marks the child's date of birth. A milestone labelled "Born"
	// or "Date of birth" (or in the group "Birth") is one too. The time axis
	// starts at the first other milestone, so a teenager's care milestones
	// are not crowded into the last years of their life; the birth is drawn
	// on the axis when it is close enough before them, and otherwise named
	// at the axis's left end ("← Born 12 Mar 2009").
	Birth bool
}

// birthLabels are the labels that mark a Milestone as the date of birth
// even when its Birth field is not set.
var birthLabels = map[string]bool{"born": true, "birth": true, "date of birth": true, "dob": true, "birth date": true}

// isBirth reports whether m is the child's date of birth.
func (m Milestone) isBirth() bool {
	return m.Birth || birthLabels[strings.ToLower(strings.TrimSpace(m.Label))] ||
		strings.EqualFold(strings.TrimSpace(m.Group), "birth")
}

// TimelineChart is every dated milestone of one child on one horizontal
// time axis, labels in lanes above and below it so they never overlap;
// where there is no room for a label, the milestone has a numbered marker
// and is listed under the chart. Milestones after AsAt (due dates, such as
// the next panel review) are drawn as rings rather than dots.
type TimelineChart struct {
	Title      string
	Milestones []Milestone
	// AsAt draws a dashed "As at <date>" marker (the extract's date); the
	// zero time draws none.
	AsAt time.Time
}

// DateFormat is how the charts write a day: "2 Jan 2006".
const DateFormat = "2 Jan 2006"

// textBox is a piece of text on the chart and the box it takes.
type textBox struct {
	s   string
	box rect
}

// timeLayout maps days onto the plot's width, and records where the text
// around the plot went: the as-at and birth notes above it, the dates
// below it and the list of numbered milestones under those.
type timeLayout struct {
	plot   rect
	t0, t1 time.Time
	axisY  float64
	// lanes is how many lanes of labels there are on each side of the axis.
	lanes [2]int

	asAt, born *textBox
	ticks      []textBox
	list       []listEntry
	more       *textBox // "+ 3 more", when the list does not fit
}

// texts is every piece of text around the axis: the labels and numbered
// markers of ps, the notes above the plot, the dates below it and the
// list under them (what must never overlap, nor leave the image).
func (l *timeLayout) texts(ps []placed) []textBox {
	var ts []textBox
	for _, p := range ps {
		switch {
		case p.tag != "":
			ts = append(ts, textBox{p.tag, p.box})
		case p.num == 0:
			ts = append(ts, textBox{p.lab + " / " + p.date, p.box})
		}
	}
	for _, n := range []*textBox{l.asAt, l.born, l.more} {
		if n != nil {
			ts = append(ts, *n)
		}
	}
	ts = append(ts, l.ticks...)
	for _, e := range l.list {
		ts = append(ts, textBox{e.tag + " " + e.lab + " " + e.date, e.box})
	}
	return ts
}

func (l timeLayout) x(t time.Time) float64 {
	f := t.Sub(l.t0).Hours() / l.t1.Sub(l.t0).Hours()
	return l.plot.x0 + f*l.plot.w()
}

// placed is a milestone on the axis and where its label went.
type placed struct {
	m     Milestone
	x     float64 // the milestone's x on the axis
	box   rect    // the label or numbered marker; zero when it has neither
	above bool
	col   color.Color
	// lab and date are the label's two lines.
	lab, date string
	// num is the milestone's number in the list under the chart when its
	// label did not fit (0 when it has a label); tag is the numbered marker
	// drawn in box: "4", or "4–6" over several close together ("" when
	// another marker stands for it, or none fitted).
	num int
	tag string
	// marker is the index of the milestone whose numbered marker stands
	// for this one (its own, or one over several milestones); -1 when it
	// has none.
	marker int
	lane   int // the lane of the label or marker, out from the axis
}

// RenderTimeline draws c at the style's size. A timeline with no dated
// milestone gives an image with the centred text NoDataText.
func RenderTimeline(c TimelineChart, s Style) (image.Image, error) {
	img, _, _, err := renderTimeline(c, s)
	return img, err
}

// renderTimeline draws tc, and returns the time axis with where the text
// around it went, and where each milestone on the axis and its label went
// (in date order), as well.
func renderTimeline(tc TimelineChart, s Style) (image.Image, *timeLayout, []placed, error) {
	c, err := newCanvas(s)
	if err != nil {
		return nil, nil, nil, err
	}
	ms := datedMilestones(tc.Milestones)
	if len(ms) == 0 {
		return c.noData(tc.Title), nil, nil, nil
	}
	sp := axisSpan(ms, tc.AsAt)
	pad := math.Round(0.9 * c.em)
	top := c.header(tc.Title)
	groupCol, items := c.groupColours(tc.Milestones, sp.on)
	top = c.legend(items, pad, top, c.w-2*pad)
	l, ps := c.layoutTimeline(sp, tc.AsAt, top, groupCol)
	c.timeGrid(l)
	c.topNotes(l, tc.AsAt)
	c.drawMilestones(l, ps, tc.AsAt)
	c.drawList(l)
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

// span is what the time axis covers: from t0 to t1, with the milestones on
// it (in date order) and the birth named at its left end, if any.
type span struct {
	t0, t1 time.Time
	on     []Milestone
	born   *Milestone
}

// birthReach is how far before the first other milestone, as a fraction of
// the time from it to the axis's end, a birth may be and still be drawn on
// the axis.
const birthReach = 0.25

// axisSpan decides what the axis covers: the milestones other than the
// birth and the as-at day, padded by 5% (at least three weeks) each side.
// The birth is on it when it is at most birthReach before the first of
// them; otherwise it is the span's edge note.
func axisSpan(ms []Milestone, asAt time.Time) span {
	var sp span
	var births []Milestone
	for _, m := range ms {
		if m.isBirth() {
			births = append(births, m)
		} else {
			sp.on = append(sp.on, m)
		}
	}
	if len(sp.on) == 0 { // only a birth: nothing to crowd
		sp.on, births = births, nil
	}
	first, last := sp.on[0].Date, sp.on[len(sp.on)-1].Date
	if !asAt.IsZero() {
		first, last = minTime(first, asAt), maxTime(last, asAt)
	}
	for i := len(births) - 1; i >= 0; i-- { // the latest first
		b := births[i]
		switch {
		case !b.Date.Before(first):
			last = maxTime(last, b.Date)
		case float64(first.Sub(b.Date)) <= birthReach*float64(last.Sub(first)):
			first = b.Date
		default:
			if sp.born == nil {
				sp.born = &births[i]
			}
			continue
		}
		sp.on = append(sp.on, b)
	}
	sort.SliceStable(sp.on, func(i, j int) bool { return sp.on[i].Date.Before(sp.on[j].Date) })
	pad := time.Duration(math.Max(float64(last.Sub(first))*0.05, float64(21*24*time.Hour)))
	sp.t0, sp.t1 = first.Add(-pad), last.Add(pad)
	return sp
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// groupColours gives each group of the dated milestones of all a colour,
// in order of first appearance (so a group keeps its colour whatever the
// axis shows), and lists the named groups of the milestones on the axis
// for the legend.
func (c *canvas) groupColours(all, on []Milestone) (map[string]color.Color, []legendItem) {
	groupCol := map[string]color.Color{}
	for _, m := range all {
		if _, ok := groupCol[m.Group]; !ok && !m.Date.IsZero() {
			groupCol[m.Group] = c.st.color(len(groupCol))
		}
	}
	shown := map[string]bool{}
	for _, m := range on {
		shown[m.Group] = true
	}
	var items []legendItem
	seen := map[string]bool{}
	for _, m := range all {
		if m.Group != "" && shown[m.Group] && !seen[m.Group] && !m.Date.IsZero() {
			seen[m.Group] = true
			items = append(items, legendItem{name: m.Group, col: groupCol[m.Group]})
		}
	}
	return groupCol, items
}

// timeAxis lays out the time axis of sp below top: room for the as-at and
// birth notes at the top (notes rows), for the dates along the bottom and
// for listRows lines of the list of numbered milestones under them.
func (c *canvas) timeAxis(sp span, notes, listRows int, top float64) *timeLayout {
	em, pad := c.em, math.Round(0.9*c.em)
	lh := c.lineH(sizeBody)
	l := &timeLayout{t0: sp.t0, t1: sp.t1}
	y1 := c.h - pad - lh - math.Round(0.4*em)
	if listRows > 0 {
		y1 -= float64(listRows)*lh + math.Round(0.5*em)
	}
	l.plot = rect{x0: pad, x1: c.w - pad, y0: top + float64(notes)*(lh+math.Round(0.2*em)), y1: y1}
	l.axisY = math.Round((l.plot.y0 + l.plot.y1) / 2)
	g := c.laneGeometry()
	l.lanes[0] = max(0, int(math.Floor((l.axisY-g.gapY-2*lh-l.plot.y0)/g.laneH))+1)
	l.lanes[1] = max(0, int(math.Floor((l.plot.y1-l.axisY-g.gapY-2*lh)/g.laneH))+1)
	return l
}

// layoutTimeline lays out the axis and places the labels, giving the list
// of numbered milestones under the chart the lines it needs (as far as
// the image allows: fewer lanes for labels may number more milestones).
func (c *canvas) layoutTimeline(sp span, asAt time.Time, top float64, groupCol map[string]color.Color) (*timeLayout, []placed) {
	notes := c.noteRows(sp, asAt, top)
	ls := c.labelSizes(sp.on)
	maxRows := c.maxListRows(sp, notes, top)
	rows := 0
	numbered := make([]bool, len(sp.on)) // less room numbers at least these
	for {
		l := c.timeAxis(sp, notes, rows, top)
		ps := c.placeLabels(l, sp.on, ls, groupCol, numbered)
		need := c.layoutList(l, ps, maxRows)
		if need <= rows || rows == maxRows {
			c.layoutList(l, ps, rows)
			c.layoutNotes(l, sp, asAt, notes)
			return l, ps
		}
		rows = min(need, maxRows)
	}
}

// maxListRows is how many lines the list under the chart may take: what
// leaves the plot one lane of labels each side of the axis.
func (c *canvas) maxListRows(sp span, notes int, top float64) int {
	l := c.timeAxis(sp, notes, 0, top)
	g := c.laneGeometry()
	lh := c.lineH(sizeBody)
	spare := l.plot.h() - 2*(g.gapY+2*lh) - 2 - math.Round(0.5*c.em)
	return max(0, int(spare/lh))
}

// noteRows is how many lines of notes the plot has above it: one for the
// as-at label and the birth note, two when they would not fit side by side.
func (c *canvas) noteRows(sp span, asAt time.Time, top float64) int {
	if asAt.IsZero() && sp.born == nil {
		return 0
	}
	if asAt.IsZero() || sp.born == nil {
		return 1
	}
	l := c.timeAxis(sp, 1, 0, top)
	c.layoutNotes(l, sp, asAt, 1)
	if l.asAt.box.x0 < l.born.box.x1+c.em {
		return 2
	}
	return 1
}

// layoutNotes places the as-at label over its marker and the birth note at
// the left end, on the rows above the plot (the birth note on the top one;
// noteRows gives them two when they would touch).
func (c *canvas) layoutNotes(l *timeLayout, sp span, asAt time.Time, rows int) {
	em, pad := c.em, math.Round(0.9*c.em)
	lh := c.lineH(sizeBody)
	rowY := l.plot.y0 - lh - math.Round(0.2*em)
	if sp.born != nil { // an arrow (the font has none), then the text
		s := "Born " + sp.born.Date.Format(DateFormat)
		y := rowY - float64(rows-1)*(lh+math.Round(0.2*em))
		l.born = &textBox{s, rect{pad, y, pad + c.arrowW() + c.measure(s, sizeBody), y + lh}}
	}
	if !asAt.IsZero() {
		s := "As at " + asAt.Format(DateFormat)
		w := c.measure(s, sizeBody)
		x := math.Max(pad+w/2, math.Min(c.w-pad-w/2, l.x(asAt)))
		l.asAt = &textBox{s, rect{x - w/2, rowY, x + w/2, rowY + lh}}
	}
}

// timeGrid draws the time ticks: vertical grid lines with their dates
// along the bottom. A date pushed in from the image's edge that would
// touch its neighbour is left out.
func (c *canvas) timeGrid(l *timeLayout) {
	em, pad := c.em, math.Round(0.9*c.em)
	lh := c.lineH(sizeBody)
	tickW := c.measure("Sep 2025", sizeBody) + 1.5*em
	tts, format := timeTicks(l.t0, l.t1, int(l.plot.w()/tickW))
	y := l.plot.y1 + math.Round(0.4*em)
	var labs []textBox
	var moved []bool
	for _, t := range tts {
		x := l.x(t)
		c.vline(x, l.plot.y0, l.plot.y1, c.lw, c.st.Grid)
		lab := t.Format(format)
		w := c.measure(lab, sizeBody)
		cx := math.Max(pad+w/2, math.Min(c.w-pad-w/2, x))
		b := textBox{lab, rect{cx - w/2, y, cx + w/2, y + lh}}
		if k := len(labs) - 1; k >= 0 && b.box.x0 < labs[k].box.x1+0.5*em {
			if cx == x && moved[k] { // the one before was pushed in: this one stays
				labs, moved = labs[:k], moved[:k]
			} else {
				continue
			}
		}
		labs, moved = append(labs, b), append(moved, cx != x)
	}
	for _, b := range labs {
		c.text(b.s, b.box.x0, y+c.ascent(sizeBody), sizeBody, c.muted, alignLeft)
	}
	l.ticks = labs
}

// topNotes draws the dashed as-at marker under the milestones, and the
// as-at label and the birth note above the plot.
func (c *canvas) topNotes(l *timeLayout, asAt time.Time) {
	em := c.em
	if l.asAt != nil {
		x := l.x(asAt)
		c.dashedV(x, l.plot.y0-math.Round(0.2*em), l.plot.y1, 2*c.lw, math.Round(0.5*em), math.Round(0.35*em), c.st.Accent)
		b := l.asAt.box
		c.text(l.asAt.s, b.x0, b.y0+c.ascent(sizeBody), sizeBody, c.st.Accent, alignLeft)
	}
	if l.born != nil {
		b := l.born.box
		c.leftArrow(b.x0, b.y0+c.lineH(sizeBody)/2, c.muted)
		c.text(l.born.s, b.x0+c.arrowW(), b.y0+c.ascent(sizeBody), sizeBody, c.muted, alignLeft)
	}
}

// arrowW is the width of the birth note's arrow, with the space after it.
func (c *canvas) arrowW() float64 { return math.Round(1.0*c.em) + math.Round(0.3*c.em) }

// leftArrow draws the birth note's arrow, pointing left from x (the birth
// is before the axis), centred on y.
func (c *canvas) leftArrow(x, y float64, col color.Color) {
	w, hh := math.Round(1.0*c.em), math.Round(0.3*c.em)
	lw := math.Max(1.2, 1.3*c.lw)
	c.polyline([][2]float64{{x + w, y}, {x + lw, y}}, lw, col)
	c.polyline([][2]float64{{x + hh + lw, y - hh}, {x + lw, y}, {x + hh + lw, y + hh}}, lw, col)
}

// drawMilestones draws the axis, then each milestone's leader line, label
// or numbered marker (on a patch of background) and dot; milestones after
// asAt are rings.
func (c *canvas) drawMilestones(l *timeLayout, ps []placed, asAt time.Time) {
	em := c.em
	lh := c.lineH(sizeBody)
	c.hline(l.plot.x0, l.plot.x1, l.axisY, 2*c.lw, c.axis)
	r := math.Round(0.42 * em)
	for _, p := range ps {
		to := p // the label, or the marker that numbers it
		if p.num > 0 {
			if p.marker < 0 {
				continue
			}
			to = ps[p.marker]
		}
		ey := to.box.y1 + math.Round(0.15*em)
		if !to.above {
			ey = to.box.y0 - math.Round(0.15*em)
		}
		c.polyline([][2]float64{{p.x, l.axisY}, {p.x, ey}}, c.lw, mix(p.col, c.st.Background, 0.7))
	}
	for _, p := range ps { // on a patch of background: grid and marker lines pass behind
		switch {
		case p.tag != "":
			c.numberTag(p.tag, p.box, p.col)
		case p.num == 0:
			cx := (p.box.x0 + p.box.x1) / 2
			c.fill(p.box.x0-0.25*em, p.box.y0, p.box.x1+0.25*em, p.box.y1, c.st.Background)
			c.text(p.lab, cx, p.box.y0+c.ascent(sizeBody), sizeBody, c.st.Foreground, alignCenter)
			c.text(p.date, cx, p.box.y0+lh+c.ascent(sizeBody), sizeBody, c.muted, alignCenter)
		}
	}
	for _, p := range ps {
		c.disc(p.x, l.axisY, r+1.5*c.lw, c.st.Background)
		c.disc(p.x, l.axisY, r, p.col)
		if !asAt.IsZero() && p.m.Date.After(asAt) { // not yet: a ring
			c.disc(p.x, l.axisY, r-math.Max(2, 2*c.lw), c.st.Background)
		}
	}
}

// numberTag draws a numbered marker: the number in a pill of the
// milestone's colour filling box's height, centred in box.
func (c *canvas) numberTag(s string, box rect, col color.Color) {
	c.fill(box.x0-0.25*c.em, box.y0, box.x1+0.25*c.em, box.y1, c.st.Background)
	h := math.Round(0.86 * box.h())
	r, cy := h/2, (box.y0+box.y1)/2
	c.disc(box.x0+r, cy, r, col)
	c.disc(box.x1-r, cy, r, col)
	c.fill(box.x0+r, cy-r, box.x1-r, cy+r, col)
	c.textMiddle(s, (box.x0+box.x1)/2, cy, sizeBody, c.st.Background, alignCenter)
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
