package charts

import (
	"image/color"
	"math"
	"strconv"
	"strings"
)

// laneGeom is the spacing of the labels around the time axis. Each side
// of the axis has lanes of labels, nearest first; a lane is two rows of
// one line of text: a label (what, then when) takes both, a numbered
// marker one.
type laneGeom struct {
	lh    float64 // a row: one line of text
	gapY  float64 // from the axis to the first lane
	laneH float64 // from one lane to the next
	gapX  float64 // between labels side by side
	tagX  float64 // between numbered markers side by side
	clear float64 // between a label and another's leader line
}

func (c *canvas) laneGeometry() laneGeom {
	em := c.em
	lh := c.lineH(sizeBody)
	return laneGeom{lh: lh, gapY: math.Round(0.9 * em), laneH: 2*lh + math.Round(0.7*em),
		gapX: math.Round(1.2 * em), tagX: math.Round(0.4 * em), clear: math.Round(0.3 * em)}
}

// labelSize is a milestone's label text and the width of its box.
type labelSize struct {
	lab, date string
	w         float64
}

// labelSizes measures the milestones' labels, once for every layout tried.
func (c *canvas) labelSizes(ms []Milestone) []labelSize {
	ls := make([]labelSize, len(ms))
	for i, m := range ms {
		ls[i].lab, ls[i].date = m.Label, m.Date.Format(DateFormat)
		ls[i].w = math.Max(c.measure(ls[i].lab, sizeBody), c.measure(ls[i].date, sizeBody))
	}
	return ls
}

// obstacle is what a row holds from x0 to x1: a label, a numbered marker
// (tag) or (x0 == x1) the leader line of one further out, which may pass
// behind labels (at a cost).
type obstacle struct {
	x0, x1      float64
	tag, leader bool
	owner       int       // the index of the milestone (of a marker's first)
	dots        []float64 // the x of its milestones on the axis
}

// rows is what the labels placed so far take: rows[side][r] is row r out
// from the axis, above it (side 0) or below it (side 1).
type rows [2][][]obstacle

// slot is a place for a box: side, first row, and x0.
type slot struct {
	side, row int
	x0, cost  float64
}

// labeller places the labels of one layout of the time axis.
type labeller struct {
	c      *canvas
	l      *timeLayout
	g      laneGeom
	rs     rows
	ps     []placed
	tagW   float64 // a numbered marker's width: room for the most digits
	rangeW float64 // a marker's width for several milestones ("12–14")
	buf    []obstacle
}

// placeLabels places the labels of ms (in date order) around l's axis:
// each in the lane nearest the axis where it fits, over its milestone
// (shifted sideways at most so it still covers it), alternating sides. A
// milestone whose label fits nowhere is numbered (in date order) and gets
// a numbered marker in a row where one fits instead; those are listed
// under the chart. Where even a marker fits nowhere, the label most in its
// way is numbered too, and all placed again, until every numbered
// milestone has a marker (or no label is in the way). numbered is the
// milestones numbered from the start (those of a layout with more room),
// and grows.
func (c *canvas) placeLabels(l *timeLayout, ms []Milestone, ls []labelSize, groupCol map[string]color.Color, numbered []bool) []placed {
	digits := strings.Repeat("0", len(strconv.Itoa(len(ms))))
	tagW, rangeW := c.tagWidth(digits), c.tagWidth(digits+"–"+digits)
	for {
		lb := &labeller{c: c, l: l, g: c.laneGeometry(), ps: make([]placed, len(ms)), tagW: tagW, rangeW: rangeW}
		for side := range lb.rs {
			lb.rs[side] = make([][]obstacle, 2*l.lanes[side])
		}
		lb.labels(ms, ls, groupCol, numbered)
		lb.markers()
		if !lb.numberBlockers(numbered) {
			lb.number()
			return lb.ps
		}
	}
}

// numberBlockers numbers labels most in the way of the markers of
// numbered milestones without one: over them, in the lane nearest the
// axis (and not among the milestones of a marker for several, whose
// numbers must run on). A label's room takes at least two markers, so it
// numbers one for every two milestones without one. It reports whether
// it numbered any.
func (lb *labeller) numberBlockers(numbered []bool) bool {
	var unmarked []int
	for u, p := range lb.ps {
		if p.num < 0 && p.marker < 0 {
			unmarked = append(unmarked, u)
		}
	}
	n := 0
	for _, u := range unmarked {
		if b := lb.blocker(u, numbered); b >= 0 {
			numbered[b] = true
			if n++; 2*n >= len(unmarked) {
				break
			}
		}
	}
	return n > 0
}

// labels places the labels, in date order; those numbered already, and
// those that fit nowhere, are left to be numbered (num -1).
func (lb *labeller) labels(ms []Milestone, ls []labelSize, groupCol map[string]color.Color, numbered []bool) {
	c, l, ps := lb.c, lb.l, lb.ps
	maxW := math.Min(math.Max(16*c.em, l.plot.w()/3), c.w-2*math.Round(0.9*c.em))
	up := true
	for i, m := range ms {
		ps[i] = placed{m: m, x: l.x(m.Date), col: groupCol[m.Group], lab: ls[i].lab, date: ls[i].date, marker: -1}
		s, ok := slot{}, false
		if ls[i].w <= maxW && !numbered[i] {
			s, ok = lb.bestSlot([]float64{ps[i].x}, ls[i].w, 2, up)
		}
		if !ok {
			ps[i].num = -1
			continue
		}
		ps[i].box, ps[i].above = lb.rs.take(l, lb.g, s, 2, ls[i].w, []float64{ps[i].x}, i, false), s.side == 0
		ps[i].lane = s.row / 2
		up = !ps[i].above
	}
}

// markers places the numbered milestones' markers, in date order. Where a
// milestone's own marker fits nowhere, the one before it widens to stand
// for both (over both dots), or the milestone shares a new one with those
// before it that have none.
func (lb *labeller) markers() {
	var cur, pending []int // the last marker's milestones; the milestones since without one
	up := true
	for i := range lb.ps {
		if lb.ps[i].num >= 0 {
			continue
		}
		switch {
		case lb.tryMarker([]int{i}, up):
			cur, pending = []int{i}, nil
		case len(cur) > 0 && len(pending) == 0 && lb.widenMarker(cur, i):
			cur = append(cur, i)
		case len(pending) > 0 && lb.tryMarker(append(pending, i), up):
			cur, pending = append(pending, i), nil
		default:
			pending = append(pending, i)
			continue
		}
		up = !lb.ps[cur[0]].above
	}
}

// blocker is the label standing where milestone u needs its marker: over
// it in the lane nearest the axis, its dot nearest u's (not one numbered
// already, nor among the milestones of a marker for several, whose numbers
// must run on), or -1.
func (lb *labeller) blocker(u int, numbered []bool) int {
	x := lb.ps[u].x
	reach := lb.tagW/2 + lb.g.gapX
	best := -1
	for j, q := range lb.ps {
		if q.num != 0 || numbered[j] || q.box.x0-reach >= x || q.box.x1+reach <= x || lb.insideRange(j) {
			continue
		}
		if best < 0 || q.lane < lb.ps[best].lane ||
			q.lane == lb.ps[best].lane && math.Abs(q.x-x) < math.Abs(lb.ps[best].x-x) {
			best = j
		}
	}
	return best
}

// insideRange reports whether milestone j falls between the first and
// last milestones of a marker for several.
func (lb *labeller) insideRange(j int) bool {
	for i := j - 1; i >= 0; i-- {
		if m := lb.ps[i].marker; m >= 0 {
			for k := j + 1; k < len(lb.ps); k++ {
				if lb.ps[k].marker == m {
					return true
				}
			}
		}
	}
	return false
}

// number numbers the milestones without a label, in date order, and
// writes their markers: "4", or "4–6" for a marker over several.
func (lb *labeller) number() {
	n := 0
	for i := range lb.ps {
		if lb.ps[i].num < 0 {
			n++
			lb.ps[i].num = n
		}
	}
	for i, p := range lb.ps {
		if p.marker < 0 {
			continue
		}
		o := &lb.ps[p.marker]
		if p.marker == i {
			o.tag = strconv.Itoa(p.num)
		} else {
			o.tag = strconv.Itoa(o.num) + "–" + strconv.Itoa(p.num)
		}
	}
}

// tryMarker places a numbered marker for the milestones ms (a run of
// numbered ones, in date order), over all their dots, if it fits
// somewhere.
func (lb *labeller) tryMarker(ms []int, up bool) bool {
	ps := lb.ps
	xs := make([]float64, len(ms))
	for k, m := range ms {
		xs[k] = ps[m].x
	}
	w := lb.tagW
	if len(ms) > 1 {
		w = math.Max(lb.rangeW, xs[len(xs)-1]-xs[0]+lb.c.em)
	}
	s, ok := lb.bestSlot(xs, w, 1, up)
	if !ok {
		return false
	}
	p := &ps[ms[0]]
	p.box, p.above, p.lane = lb.rs.take(lb.l, lb.g, s, 1, w, xs, ms[0], true), s.side == 0, s.row/2
	for _, m := range ms {
		ps[m].marker = ms[0]
	}
	return true
}

// widenMarker makes the marker of the milestones cur stand for milestone
// i as well, if the wider marker fits somewhere.
func (lb *labeller) widenMarker(cur []int, i int) bool {
	owner := cur[0]
	old := lb.ps[owner]
	removed := lb.rs.remove(owner)
	if lb.tryMarker(append(cur[:len(cur):len(cur)], i), old.above) {
		return true
	}
	lb.rs.restore(removed)
	lb.ps[owner] = old
	return false
}

// tagWidth is the width of a numbered marker.
func (c *canvas) tagWidth(tag string) float64 {
	return math.Max(c.measure(tag, sizeBody)+math.Round(0.9*c.em), math.Round(0.86*c.lineH(sizeBody)))
}

// bestSlot finds the best place for a box w wide and n rows high (2: a
// label, 1: a numbered marker) for the milestones at xs (in order):
// covering them, in the image, clear of the boxes the rows hold; the
// nearest the axis, the least shifted from centred over them, with the
// fewest leader lines passing behind labels (its own, from the axis, or
// others' behind it), on the up side (above the axis) if it can.
func (lb *labeller) bestSlot(xs []float64, w float64, n int, up bool) (slot, bool) {
	c, l, g := lb.c, lb.l, lb.g
	inset := math.Min(0.5*c.em, w/2)
	x0, x1 := xs[0], xs[len(xs)-1]
	lo := math.Max(l.plot.x0, x1+inset-w)
	hi := math.Min(l.plot.x1-w, x0-inset)
	if lo > hi+1e-9 {
		return slot{}, false
	}
	p := math.Max(lo, math.Min(hi, (x0+x1)/2-w/2))
	rowCost := g.laneH / 2 // a lane further out is worth as much as a shift of a lane's height
	best, found := slot{}, false
	for i, side := range [2]int{sideOf(up), sideOf(!up)} {
		rs := lb.rs[side]
		// A label starts a lane, a marker any row; crossed counts the
		// leader lines that would pass behind labels in the rows before r.
		crossed := 0
		for r := 0; r+n <= len(rs); r += n {
			if found && float64(r)*rowCost+float64(crossed)*g.laneH >= best.cost {
				break // further rows cost more
			}
			near := lb.near(rs[r:r+n], lo-g.gapX-1, hi+w+g.gapX+1)
			x0, cost, ok := freeX(near, lo, hi, p, w, xs, n == 1, c.em, g)
			cost += float64(r)*rowCost + float64(crossed)*g.laneH + float64(i)*0.5*c.em
			if ok && (!found || cost < best.cost) {
				best, found = slot{side, r, x0, cost}, true
			}
			for _, row := range rs[r : r+n] {
				crossed += crossings(row, xs, c.em, g)
			}
		}
	}
	return best, found
}

// near is what rows hold between x0 and x1 (all that a box there could
// touch), in one slice (reused by the next call).
func (lb *labeller) near(rows [][]obstacle, x0, x1 float64) []obstacle {
	lb.buf = lb.buf[:0]
	for _, row := range rows {
		for _, o := range row {
			if o.x1 >= x0 && o.x0 <= x1 {
				lb.buf = append(lb.buf, o)
			}
		}
	}
	return lb.buf
}

func sideOf(up bool) int {
	if up {
		return 0
	}
	return 1
}

// nearAny reports whether x is within d of one of xs.
func nearAny(xs []float64, x, d float64) bool {
	for _, v := range xs {
		if math.Abs(v-x) <= d {
			return true
		}
	}
	return false
}

// crossings counts the labels and markers in row that leader lines at xs
// would pass behind, but for those of milestones on the same spot (within
// half an em): labels of one day stack over their dot.
func crossings(row []obstacle, xs []float64, em float64, g laneGeom) int {
	n := 0
	for _, o := range row {
		if o.leader {
			continue
		}
		for _, x := range xs {
			if x > o.x0-g.clear && x < o.x1+g.clear && !nearAny(o.dots, x, 0.5*em) {
				n++
			}
		}
	}
	return n
}

// freeX is the x0 in [lo, hi] where a box w wide (a numbered marker if
// tag) for the milestones at dots clears the boxes of os, at the least
// cost: its distance from p, and a lane's height for each leader line (of
// a milestone on another spot) it would hide.
func freeX(os []obstacle, lo, hi, p, w float64, dots []float64, tag bool, em float64, g laneGeom) (float64, float64, bool) {
	best, bestCost, found := 0.0, 0.0, false
	try := func(x0 float64) {
		x0 = math.Max(lo, math.Min(hi, x0))
		if found && math.Abs(x0-p) >= bestCost {
			return // costs at least as much
		}
		hidden, ok := clears(os, x0, w, dots, tag, em, g)
		cost := math.Abs(x0-p) + float64(hidden)*g.laneH
		if ok && (!found || cost < bestCost) {
			best, bestCost, found = x0, cost, true
		}
	}
	try(p)
	for _, o := range os {
		gap := o.gap(tag, g)
		try(o.x1 + gap)
		try(o.x0 - gap - w)
	}
	return best, bestCost, found
}

// gap is how far a box (a numbered marker if tag) must stay from o.
func (o obstacle) gap(tag bool, g laneGeom) float64 {
	switch {
	case o.leader:
		return g.clear
	case tag && o.tag:
		return g.tagX
	}
	return g.gapX
}

// clears reports whether a box from x0, w wide, for the milestones at dots
// (a numbered marker if tag) clears the boxes of os, and how many leader
// lines of milestones on other spots it would hide.
func clears(os []obstacle, x0, w float64, dots []float64, tag bool, em float64, g laneGeom) (int, bool) {
	const eps = 1e-6
	hidden := 0
	for _, o := range os {
		gap := o.gap(tag, g)
		if x0 >= o.x1+gap-eps || o.x0-gap+eps >= x0+w {
			continue
		}
		if !o.leader {
			return 0, false
		}
		if !nearAny(dots, o.x0, 0.5*em) {
			hidden++
		}
	}
	return hidden, true
}

// take records a box of n rows, w wide, at s for the milestones at xs
// (owner the first), with their leader lines through the rows nearer the
// axis, and returns the box.
func (rs *rows) take(l *timeLayout, g laneGeom, s slot, n int, w float64, xs []float64, owner int, tag bool) rect {
	for r := s.row; r < s.row+n; r++ {
		rs[s.side][r] = append(rs[s.side][r], obstacle{x0: s.x0, x1: s.x0 + w, tag: tag, owner: owner, dots: xs})
	}
	for r := 0; r < s.row; r++ {
		for _, x := range xs {
			rs[s.side][r] = append(rs[s.side][r], obstacle{x0: x, x1: x, leader: true, tag: tag, owner: owner, dots: []float64{x}})
		}
	}
	return rowBox(l, g, s, n, w)
}

// rowBox is the box of n rows, w wide, at s.
func rowBox(l *timeLayout, g laneGeom, s slot, n int, w float64) rect {
	lane, sub := float64(s.row/2), float64(s.row%2)
	if s.side == 0 {
		y1 := l.axisY - g.gapY - lane*g.laneH - sub*g.lh
		return rect{s.x0, y1 - float64(n)*g.lh, s.x0 + w, y1}
	}
	y0 := l.axisY + g.gapY + lane*g.laneH + sub*g.lh
	return rect{s.x0, y0, s.x0 + w, y0 + float64(n)*g.lh}
}

// removedObstacle is an obstacle taken out of a row, to put back.
type removedObstacle struct {
	side, row int
	o         obstacle
}

// remove takes out everything of owner's.
func (rs *rows) remove(owner int) []removedObstacle {
	var out []removedObstacle
	for side := range rs {
		for r, row := range rs[side] {
			kept := row[:0:0]
			for _, o := range row {
				if o.owner == owner {
					out = append(out, removedObstacle{side, r, o})
				} else {
					kept = append(kept, o)
				}
			}
			rs[side][r] = kept
		}
	}
	return out
}

// restore puts back what remove took out.
func (rs *rows) restore(out []removedObstacle) {
	for _, ro := range out {
		rs[ro.side][ro.row] = append(rs[ro.side][ro.row], ro.o)
	}
}
