package charts

import (
	"image"
	"math"
	"strings"
)

// Bar is one bar of a BarChart: a category and its value (usually a count).
// A NaN value is not recorded: the category is named but has no bar.
type Bar struct {
	Label string
	Value float64
}

// BarChart is one measure across categories, e.g. children by permanence
// plan. The value axis always includes zero, so bar lengths compare
// honestly.
type BarChart struct {
	Title string
	// YLabel names the values ("Children"); it is shown by the value axis.
	YLabel string
	Bars   []Bar
	// Horizontal draws bars left to right with the categories on the
	// left, which suits long category names. Vertical bars whose category
	// names cannot fit under them are drawn horizontally anyway.
	Horizontal bool
	// ValueLabels prints each bar's value at its end.
	ValueLabels bool
	// References are published figures to compare with (England's share):
	// dotted lines across the bars in the muted colour, named by their
	// labels in a legend under the title, their values in the right margin
	// (above the plot, on horizontal bars).
	References []Threshold
}

// rect is a rectangle in pixels: [x0,x1)×[y0,y1).
type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) w() float64 { return r.x1 - r.x0 }
func (r rect) h() float64 { return r.y1 - r.y0 }

// axisLayout is where a chart's plot area is and what its value axis spans.
type axisLayout struct {
	plot         rect
	lo, hi, step float64
	horizontal   bool
	em           float64 // the body text size in pixels
}

// pos is the pixel coordinate of value v along the value axis (y for a
// vertical chart, x for a horizontal one).
func (l axisLayout) pos(v float64) float64 {
	f := (v - l.lo) / (l.hi - l.lo)
	if l.horizontal {
		return l.plot.x0 + f*l.plot.w()
	}
	return l.plot.y1 - f*l.plot.h()
}

// RenderBar draws c at the style's size. Bars with no value to show (none,
// or all zero) give an image with the centred text NoDataText.
func RenderBar(c BarChart, s Style) (image.Image, error) {
	img, _, err := renderBar(c, s)
	return img, err
}

func renderBar(bc BarChart, s Style) (image.Image, *axisLayout, error) {
	c, err := newCanvas(s)
	if err != nil {
		return nil, nil, err
	}
	vals := make([]float64, len(bc.Bars))
	lo0, hi0, integer, some := 0.0, 0.0, true, false
	for i, b := range bc.Bars {
		v := b.Value
		if !finite(v) {
			vals[i] = math.NaN()
			continue
		}
		vals[i] = v
		lo0, hi0 = math.Min(lo0, v), math.Max(hi0, v)
		integer = integer && v == math.Trunc(v)
		some = some || v != 0
	}
	if !some {
		return c.noData(bc.Title), nil, nil
	}
	for _, r := range bc.References {
		if finite(r.Value) {
			lo0, hi0 = math.Min(lo0, r.Value), math.Max(hi0, r.Value)
			integer = integer && r.Value == math.Trunc(r.Value)
		}
	}
	top := c.header(bc.Title)
	top = c.legend(c.referenceLegend(bc.References), math.Round(0.9*c.em), top, c.w-2*math.Round(0.9*c.em))
	var l *axisLayout
	if !bc.Horizontal {
		l = c.vbars(bc, vals, top, lo0, hi0, integer)
	}
	if l == nil { // asked for, or the category names do not fit under the bars
		l = c.hbars(bc, vals, top, lo0, hi0, integer)
	}
	return c.img, l, nil
}

// tickLabels formats the ticks of a scale and returns their widest width.
func (c *canvas) tickLabels(lo, hi, step float64) ([]float64, []string, float64) {
	ts := ticks(lo, hi, step)
	labels := make([]string, len(ts))
	dec := stepDecimals(step)
	w := 0.0
	for i, t := range ts {
		labels[i] = formatNumber(t, dec)
		w = math.Max(w, c.measure(labels[i], sizeBody))
	}
	return ts, labels, w
}

// valueLabel formats a bar or point value.
func valueLabel(v float64) string { return formatNumber(v, 1) }

// truncated reports whether wrapping s into lines cut some of it.
func truncated(s string, lines []string) bool {
	for _, l := range lines {
		if strings.HasSuffix(l, "…") && !strings.HasSuffix(s, "…") {
			return true
		}
	}
	return false
}

// vbars draws vertical bars, or returns nil (having drawn nothing) when a
// category name would not fit under its bar.
func (c *canvas) vbars(bc BarChart, vals []float64, top, lo0, hi0 float64, integer bool) *axisLayout {
	em, pad := c.em, math.Round(0.9*c.em)
	lh := c.lineH(sizeBody)
	yLabelTop := top
	if bc.YLabel != "" {
		top += lh + math.Round(0.3*em)
	}
	l := &axisLayout{em: em}
	l.plot.y0 = top + math.Round(0.5*em)
	if bc.ValueLabels {
		l.plot.y0 = top + lh
	}
	l.plot.x1 = c.w - pad
	refs, refW := c.marginLines(nil, bc.References, c.w/5)
	if refW > 0 {
		l.plot.x1 -= refW + math.Round(0.5*em)
	}
	n := float64(len(vals))
	var labels [][]string
	var tickVals []float64
	var tickText []string
	lines := 2
	under := 0.0
	if bc.ValueLabels && lo0 < 0 { // room for the values under negative bars
		under = lh
	}
	for pass := 0; pass < 3; pass++ {
		l.plot.y1 = c.h - pad - float64(lines)*lh - math.Round(0.5*em)
		l.plot.y1 -= under
		maxTicks := int(math.Max(2, math.Min(8, l.plot.h()/(2.5*em))))
		l.lo, l.hi, l.step = niceScale(lo0, hi0, maxTicks, integer)
		var tw float64
		tickVals, tickText, tw = c.tickLabels(l.lo, l.hi, l.step)
		l.plot.x0 = pad + tw + math.Round(0.6*em)
		band := l.plot.w() / n
		labels = make([][]string, len(bc.Bars))
		most := 0
		for i, b := range bc.Bars {
			labels[i] = c.wrap(b.Label, band-0.3*em, sizeBody, 3)
			most = max(most, len(labels[i]))
			if truncated(b.Label, labels[i]) {
				return nil
			}
		}
		if most == lines {
			break
		}
		lines = most
	}
	if bc.YLabel != "" {
		c.text(c.ellipsis(bc.YLabel, c.w-2*pad, sizeBody), pad, yLabelTop+c.ascent(sizeBody), sizeBody, c.muted, alignLeft)
	}

	c.valueGrid(l, tickVals, tickText)
	c.drawVBars(l, bc, vals, labels, under)
	c.drawMarginLines(refs, l.pos, l.plot.x0, l.plot.x1, l.plot.x1+math.Round(0.5*em), 0, c.h)
	return l
}

// drawVBars draws the vertical bars, their values (with ValueLabels) and
// their category names (labels, wrapped) below the plot and under, the
// room left there for the values of negative bars; then the zero line.
func (c *canvas) drawVBars(l *axisLayout, bc BarChart, vals []float64, labels [][]string, under float64) {
	em := c.em
	lh := c.lineH(sizeBody)
	band := l.plot.w() / float64(len(vals))
	bw := math.Min(band*0.68, 7*em)
	zero := l.pos(0)
	col := c.st.color(0)
	for i, v := range vals {
		x := l.plot.x0 + (float64(i)+0.5)*band
		y := l.pos(v)
		if v != 0 && math.Abs(y-zero) < 1 { // a tiny value still shows
			y = zero - math.Copysign(1, v)
		}
		if finite(v) {
			c.fill(x-bw/2, math.Min(y, zero), x+bw/2, math.Max(y, zero), col)
		}
		if bc.ValueLabels && finite(v) {
			if v >= 0 {
				c.text(valueLabel(v), x, y-math.Round(0.4*em), sizeBody, c.st.Foreground, alignCenter)
			} else {
				c.text(valueLabel(v), x, y+math.Round(0.4*em)+c.ascent(sizeBody), sizeBody, c.st.Foreground, alignCenter)
			}
		}
		for k, line := range labels[i] {
			c.text(line, x, l.plot.y1+under+math.Round(0.5*em)+float64(k)*lh+c.ascent(sizeBody), sizeBody, c.st.Foreground, alignCenter)
		}
	}
	c.hline(l.plot.x0, l.plot.x1, zero, 1.5*c.lw, c.axis)
}

// hbars draws horizontal bars, the category names on their left.
func (c *canvas) hbars(bc BarChart, vals []float64, top, lo0, hi0 float64, integer bool) *axisLayout {
	em, pad := c.em, math.Round(0.9*c.em)
	lh := c.lineH(sizeBody)
	l := &axisLayout{horizontal: true, em: em}
	l.plot.y0 = top + math.Round(0.3*em)
	refs, _ := c.marginLines(nil, bc.References, c.w/3)
	refLines := 0
	for _, r := range refs {
		refLines = max(refLines, len(r.lines))
	}
	l.plot.y0 += float64(refLines) * lh
	l.plot.y1 = c.h - pad - lh - math.Round(0.4*em)
	if bc.YLabel != "" {
		l.plot.y1 -= lh + math.Round(0.2*em)
	}
	n := float64(len(vals))
	band := l.plot.h() / n
	maxLines := 1
	if band >= 2.2*lh {
		maxLines = 2
	}
	labels := make([][]string, len(bc.Bars))
	labelW := 0.0
	for i, b := range bc.Bars {
		labels[i] = c.wrap(b.Label, 0.38*c.w, sizeBody, maxLines)
		for _, s := range labels[i] {
			labelW = math.Max(labelW, c.measure(s, sizeBody))
		}
	}
	labelX := pad + labelW // the right edge of the category names
	l.plot.x0 = labelX + math.Round(0.7*em)
	valueW := 0.0
	if bc.ValueLabels {
		for _, v := range vals {
			if finite(v) {
				valueW = math.Max(valueW, c.measure(valueLabel(v), sizeBody))
			}
		}
		valueW += math.Round(0.5 * em)
		if lo0 < 0 { // room for the values left of negative bars
			l.plot.x0 += valueW
		}
	}
	// The last tick label is centred on the right edge: leave it room.
	guess := c.measure(formatNumber(hi0, 1), sizeBody)
	l.plot.x1 = c.w - pad - math.Max(valueW, guess/2)
	maxTicks := int(math.Max(2, math.Min(8, l.plot.w()/(guess+2.5*em))))
	l.lo, l.hi, l.step = niceScale(lo0, hi0, maxTicks, integer)
	tickVals, tickText, _ := c.tickLabels(l.lo, l.hi, l.step)

	for i, t := range tickVals {
		x := l.pos(t)
		c.vline(x, l.plot.y0, l.plot.y1, c.lw, c.st.Grid)
		c.text(tickText[i], x, l.plot.y1+math.Round(0.4*em)+c.ascent(sizeBody), sizeBody, c.muted, alignCenter)
	}
	if bc.YLabel != "" {
		y := l.plot.y1 + math.Round(0.4*em) + lh + math.Round(0.2*em) + c.ascent(sizeBody)
		c.text(c.ellipsis(bc.YLabel, l.plot.w(), sizeBody), (l.plot.x0+l.plot.x1)/2, y, sizeBody, c.muted, alignCenter)
	}
	c.drawHBars(l, bc, vals, labels, labelX)
	c.referencesAcross(l, refs)
	return l
}

// referencesAcross draws horizontal bars' reference lines: dotted from
// the top of the plot to its foot, each label centred over its line above
// the plot.
func (c *canvas) referencesAcross(l *axisLayout, refs []marginLine) {
	em, lh := c.em, c.lineH(sizeBody)
	for _, r := range refs {
		x := l.pos(r.value)
		c.dashedV(x, l.plot.y0, l.plot.y1, 2*c.lw, math.Round(0.25*em), math.Round(0.3*em), c.muted)
		for k, s := range r.lines {
			w := c.measure(s, sizeBody)
			tx := math.Max(w/2, math.Min(c.w-w/2, x))
			y := l.plot.y0 - float64(len(r.lines)-k)*lh + lh/2
			c.textMiddle(s, tx, y, sizeBody, c.muted, alignCenter)
		}
	}
}

// drawHBars draws the horizontal bars, their values (with ValueLabels) and
// their category names (labels, wrapped) right-aligned on labelX, naming
// only every few bars where they are too thin for each name; then the zero
// line.
func (c *canvas) drawHBars(l *axisLayout, bc BarChart, vals []float64, labels [][]string, labelX float64) {
	em := c.em
	lh := c.lineH(sizeBody)
	band := l.plot.h() / float64(len(vals))
	bh := math.Min(band*0.68, 2.6*em)
	zero := l.pos(0)
	col := c.st.color(0)
	for i, v := range vals {
		y := l.plot.y0 + (float64(i)+0.5)*band
		x := l.pos(v)
		if v != 0 && math.Abs(x-zero) < 1 {
			x = zero + math.Copysign(1, v)
		}
		if finite(v) {
			c.fill(math.Min(x, zero), y-bh/2, math.Max(x, zero), y+bh/2, col)
		}
		if bc.ValueLabels && finite(v) {
			if v >= 0 {
				c.textMiddle(valueLabel(v), x+math.Round(0.4*em), y, sizeBody, c.st.Foreground, alignLeft)
			} else {
				c.textMiddle(valueLabel(v), x-math.Round(0.4*em), y, sizeBody, c.st.Foreground, alignRight)
			}
		}
		if every := int(math.Ceil(0.9 * lh / band)); i%max(every, 1) != 0 {
			continue // too many bars to name each one
		}
		first := y - float64(len(labels[i])-1)*lh/2
		for k, s := range labels[i] {
			c.textMiddle(s, labelX, first+float64(k)*lh, sizeBody, c.st.Foreground, alignRight)
		}
	}
	c.vline(zero, l.plot.y0, l.plot.y1, 1.5*c.lw, c.axis)
}
