package charts

import (
	"image/color"
	"math"
	"strconv"
	"strings"
)

// listEntry is one numbered milestone in the list under the timeline:
// its marker, label and date.
type listEntry struct {
	tag       string
	lab, date string
	col       color.Color
	box       rect    // the whole entry
	tagBox    rect    // the numbered marker
	labX      float64 // where the label starts
	dateX     float64 // where the date starts
}

// layoutList lays out the list of numbered milestones of ps (those whose
// labels did not fit) under the dates along l's bottom, left to right in
// lines, in at most maxRows lines (the last one ending "+ 3 more" when
// they are not enough). It returns how many lines the whole list needs.
func (c *canvas) layoutList(l *timeLayout, ps []placed, maxRows int) int {
	l.list, l.more = nil, nil
	em, pad := c.em, math.Round(0.9*c.em)
	lh := c.lineH(sizeBody)
	var es []listEntry
	for _, p := range ps {
		if p.num > 0 {
			es = append(es, c.listEntry(p, c.w-2*pad))
		}
	}
	if len(es) == 0 {
		return 0
	}
	top := l.plot.y1 + math.Round(0.4*em) + lh + math.Round(0.5*em)
	gap := math.Round(1.4 * em)
	x, row := pad, 0
	for i := range es {
		if x > pad && x+es[i].box.w() > c.w-pad {
			x, row = pad, row+1
		}
		es[i].move(x, top+float64(row)*lh)
		x += es[i].box.w() + gap
	}
	need := row + 1
	if need <= maxRows {
		l.list = es
		return need
	}
	c.cutList(l, es, maxRows, gap)
	return need
}

// cutList keeps the entries of es (laid out) in the first maxRows lines,
// ending the last of them with "+ N more" for the rest.
func (c *canvas) cutList(l *timeLayout, es []listEntry, maxRows int, gap float64) {
	if maxRows <= 0 {
		return
	}
	pad := math.Round(0.9 * c.em)
	lh := c.lineH(sizeBody)
	lastY := es[0].box.y0 + float64(maxRows-1)*lh
	k := 0
	for k < len(es) && es[k].box.y0 <= lastY+0.5 {
		k++
	}
	for ; k >= 0; k-- {
		more := "+ " + strconv.Itoa(len(es)-k) + " more"
		w := c.measure(more, sizeBody)
		x, y := pad, lastY
		if k > 0 && es[k-1].box.y0 > lastY-0.5 { // after the last entry kept on that line
			x = es[k-1].box.x1 + gap
		}
		if x+w <= c.w-pad || x == pad {
			l.list = es[:k]
			l.more = &textBox{more, rect{x, y, x + w, y + lh}}
			return
		}
	}
}

// listEntry is p's entry in the list, before it is placed: at most width
// wide, its label shortened at a word if need be.
func (c *canvas) listEntry(p placed, width float64) listEntry {
	em := c.em
	e := listEntry{tag: strconv.Itoa(p.num), lab: p.lab, date: p.date, col: p.col}
	tw := c.tagWidth(e.tag)
	dw := c.measure(e.date, sizeBody)
	room := width - tw - math.Round(0.4*em) - math.Round(0.35*em) - dw
	if c.measure(e.lab, sizeBody) > room {
		e.lab = c.wordEllipsis(e.lab, room, sizeBody)
	}
	lw := c.measure(e.lab, sizeBody)
	e.tagBox = rect{0, 0, tw, c.lineH(sizeBody)}
	e.labX = tw + math.Round(0.4*em)
	e.dateX = e.labX + lw + math.Round(0.35*em)
	e.box = rect{0, 0, e.dateX + dw, c.lineH(sizeBody)}
	return e
}

// move puts the entry's top left corner at (x, y).
func (e *listEntry) move(x, y float64) {
	dx, dy := x-e.box.x0, y-e.box.y0
	e.box = rect{e.box.x0 + dx, e.box.y0 + dy, e.box.x1 + dx, e.box.y1 + dy}
	e.tagBox = rect{e.tagBox.x0 + dx, e.tagBox.y0 + dy, e.tagBox.x1 + dx, e.tagBox.y1 + dy}
	e.labX += dx
	e.dateX += dx
}

// wordEllipsis shortens s to fit width at a space, ending it with "…"
// (a single word too long is cut where it must be).
func (c *canvas) wordEllipsis(s string, width, size float64) string {
	words := strings.Fields(s)
	for n := len(words) - 1; n > 0; n-- {
		t := strings.Join(words[:n], " ") + " …"
		if c.measure(t, size) <= width {
			return t
		}
	}
	return c.ellipsis(s, width, size)
}

// drawList draws the list of numbered milestones under the chart.
func (c *canvas) drawList(l *timeLayout) {
	for _, e := range l.list {
		c.numberTag(e.tag, e.tagBox, e.col)
		c.text(e.lab, e.labX, e.box.y0+c.ascent(sizeBody), sizeBody, c.st.Foreground, alignLeft)
		c.text(e.date, e.dateX, e.box.y0+c.ascent(sizeBody), sizeBody, c.muted, alignLeft)
	}
	if l.more != nil {
		c.text(l.more.s, l.more.box.x0, l.more.box.y0+c.ascent(sizeBody), sizeBody, c.muted, alignLeft)
	}
}
