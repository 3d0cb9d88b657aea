package charts

import (
	"image"
	"math"
	"sort"
	"strconv"
)

// Series is one line of a LineChart: values by category, usually quarters
// ("2025-Q2"). Point i is (Labels[i], Values[i]); with no Labels the points
// are numbered 1, 2, …. A point is a gap in the line when Missing[i] is
// set or its value is NaN.
type Series struct {
	Name    string
	Labels  []string
	Values  []float64
	Missing []bool
}

// Threshold is a reference value drawn as a dashed horizontal line with its
// label, e.g. {Value: 26, Label: "26-week limit"}.
type Threshold struct {
	Value float64
	Label string
}

// LineChart is one or more series over shared categories, e.g. median
// weeks to final hearing by quarter. The categories are the union of the
// series' labels: sorted when every series' labels are in ascending order
// (quarters such as "2025-Q2", years, ISO dates), otherwise in order of
// first appearance. A legend names the series when any has a Name.
type LineChart struct {
	Title string
	// YLabel names the values ("Median weeks"); it is shown above the axis.
	YLabel     string
	Series     []Series
	Thresholds []Threshold
	// References are published figures to compare with (England's
	// average): dotted lines in the muted colour, named by their labels in
	// the legend, their values in the right margin.
	References []Threshold
	// YMin0 makes the value axis start at zero (or below, for negatives).
	YMin0 bool
	// ValueLabels prints each point's value above it.
	ValueLabels bool
}

// linePoint is a series value at a category index.
type linePoint struct {
	cat int
	v   float64
	ok  bool
}

// lineLayout is the axis layout of a line chart plus its categories.
type lineLayout struct {
	axisLayout
	cats  []string
	inset float64
}

// x is the pixel x of category i.
func (l lineLayout) x(i int) float64 {
	if len(l.cats) <= 1 {
		return (l.plot.x0 + l.plot.x1) / 2
	}
	return l.plot.x0 + l.inset + float64(i)*(l.plot.w()-2*l.inset)/float64(len(l.cats)-1)
}

// categories merges the series' labels into one ordered list and maps each
// series' points onto it.
func (lc LineChart) categories() ([]string, [][]linePoint) {
	var cats []string
	index := map[string]int{}
	if lc.sortedLabels() { // quarters, years, dates: the sorted union
		seen := map[string]bool{}
		for _, s := range lc.Series {
			for i := range min(len(s.Labels), len(s.Values)) {
				if !seen[s.Labels[i]] {
					seen[s.Labels[i]] = true
					cats = append(cats, s.Labels[i])
				}
			}
		}
		sort.Strings(cats)
		for i, s := range cats {
			index[s] = i
		}
	}
	pts := make([][]linePoint, len(lc.Series))
	for si, s := range lc.Series {
		n := len(s.Values)
		if len(s.Labels) > 0 {
			n = min(n, len(s.Labels))
		}
		label := func(i int) string {
			if len(s.Labels) == 0 {
				return strconv.Itoa(i + 1)
			}
			return s.Labels[i]
		}
		at := -1 // where the previous label of this series sits
		for i := 0; i < n; i++ {
			lab := label(i)
			k, seen := index[lab]
			if !seen {
				k = len(cats) // after the series' previous label, or before its next known one
				if at >= 0 {
					k = at + 1
				} else {
					for j := i + 1; j < n; j++ {
						if kj, ok := index[label(j)]; ok {
							k = kj
							break
						}
					}
				}
				cats = append(cats, "")
				copy(cats[k+1:], cats[k:])
				cats[k] = lab
				for j := k; j < len(cats); j++ {
					index[cats[j]] = j
				}
				for sj := range pts[:si] {
					for pi := range pts[sj] {
						if pts[sj][pi].cat >= k {
							pts[sj][pi].cat++
						}
					}
				}
				for pi := range pts[si] {
					if pts[si][pi].cat >= k {
						pts[si][pi].cat++
					}
				}
			}
			at = k
			v := s.Values[i]
			ok := finite(v) && !(i < len(s.Missing) && s.Missing[i])
			pts[si] = append(pts[si], linePoint{cat: k, v: v, ok: ok})
		}
	}
	return cats, pts
}

// sortedLabels reports whether every series has labels, in ascending order.
func (lc LineChart) sortedLabels() bool {
	for _, s := range lc.Series {
		n := min(len(s.Labels), len(s.Values))
		if len(s.Labels) == 0 || !sort.StringsAreSorted(s.Labels[:n]) {
			return false
		}
	}
	return true
}

// RenderLine draws c at the style's size. A chart with no value to show
// (no series, every point missing, or all zero) gives an image with the
// centred text NoDataText.
func RenderLine(c LineChart, s Style) (image.Image, error) {
	img, _, err := renderLine(c, s)
	return img, err
}

// renderLine draws lc, and returns its layout as well.
func renderLine(lc LineChart, s Style) (image.Image, *lineLayout, error) {
	c, err := newCanvas(s)
	if err != nil {
		return nil, nil, err
	}
	cats, pts := lc.categories()
	ths, lo0, hi0, integer, some := lc.valueRange(pts)
	if !some {
		return c.noData(lc.Title), nil, nil
	}
	top := c.lineHeader(lc)
	l, tickVals, tickText, margin := c.layoutLine(lc, cats, ths, top, lo0, hi0, integer)
	c.valueGrid(&l.axisLayout, tickVals, tickText)
	c.hline(l.plot.x0, l.plot.x1, l.plot.y1, 1.5*c.lw, c.axis)
	c.categoryLabels(l)
	c.drawMarginLines(margin, l.pos, l.plot.x0, l.plot.x1, l.plot.x1+math.Round(0.5*c.em), 0, c.h)
	c.seriesLines(l, pts, lc.ValueLabels)
	return c.img, l, nil
}

// valueRange is the span the value axis must show: every point, every
// finite threshold (ths, in order), and zero when YMin0 is set. integer
// says all of them are whole numbers; some, that a point is not zero.
func (lc LineChart) valueRange(pts [][]linePoint) (ths []Threshold, lo, hi float64, integer, some bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	integer = true
	for _, ps := range pts {
		for _, p := range ps {
			if p.ok {
				lo, hi = math.Min(lo, p.v), math.Max(hi, p.v)
				integer = integer && p.v == math.Trunc(p.v)
				some = some || p.v != 0
			}
		}
	}
	for _, t := range lc.Thresholds {
		if finite(t.Value) {
			ths = append(ths, t)
			lo, hi = math.Min(lo, t.Value), math.Max(hi, t.Value)
			integer = integer && t.Value == math.Trunc(t.Value)
		}
	}
	for _, t := range lc.References {
		if finite(t.Value) {
			lo, hi = math.Min(lo, t.Value), math.Max(hi, t.Value)
			integer = integer && t.Value == math.Trunc(t.Value)
		}
	}
	if lc.YMin0 {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	return ths, lo, hi, integer, some
}

// lineHeader draws the title, the legend of named series and the value
// axis's label, and returns the y below them.
func (c *canvas) lineHeader(lc LineChart) float64 {
	em, pad := c.em, math.Round(0.9*c.em)
	lh := c.lineH(sizeBody)
	top := c.header(lc.Title)
	var items []legendItem
	for i, s := range lc.Series {
		if s.Name != "" {
			items = append(items, legendItem{name: s.Name, col: c.st.color(i), line: true})
		}
	}
	items = append(items, c.referenceLegend(lc.References)...)
	top = c.legend(items, pad, top, c.w-2*pad)
	if lc.YLabel != "" {
		c.text(c.ellipsis(lc.YLabel, c.w-2*pad, sizeBody), pad, top+c.ascent(sizeBody), sizeBody, c.muted, alignLeft)
		top += lh + math.Round(0.3*em)
	}
	return top
}

// layoutLine places the plot area below top, with room for the category
// labels below it, the value ticks on its left and the labels of the
// thresholds (ths) and references on its right, and scales the value axis
// to [lo0, hi0]. It returns the layout, the value ticks with their text,
// and the threshold and reference lines with their labels shortened to
// fit.
func (c *canvas) layoutLine(lc LineChart, cats []string, ths []Threshold, top, lo0, hi0 float64, integer bool) (*lineLayout, []float64, []string, []marginLine) {
	em, pad := c.em, math.Round(0.9*c.em)
	lh := c.lineH(sizeBody)
	l := &lineLayout{cats: cats}
	l.em = em
	l.plot.y0 = top + math.Round(0.5*em)
	if lc.ValueLabels {
		l.plot.y0 = top + lh
	}
	l.plot.y1 = c.h - pad - lh - math.Round(0.5*em)
	l.plot.x1 = c.w - pad
	// Threshold and reference labels sit in the right margin, clear of the
	// latest points.
	margin, thW := c.marginLines(ths, lc.References, c.w/5)
	if thW > 0 {
		l.plot.x1 -= thW + math.Round(0.5*em)
	}
	maxTicks := int(math.Max(2, math.Min(8, l.plot.h()/(2.5*em))))
	l.lo, l.hi, l.step = niceScale(lo0, hi0, maxTicks, integer)
	tickVals, tickText, tw := c.tickLabels(l.lo, l.hi, l.step)
	l.plot.x0 = pad + tw + math.Round(0.6*em)
	l.inset = math.Min(1.5*em, l.plot.w()/4)
	return l, tickVals, tickText, margin
}

// valueGrid draws a horizontal grid line at each value tick of a vertical
// value axis, with the tick's text to the left of the plot.
func (c *canvas) valueGrid(l *axisLayout, tickVals []float64, tickText []string) {
	for i, t := range tickVals {
		y := l.pos(t)
		c.hline(l.plot.x0, l.plot.x1, y, c.lw, c.st.Grid)
		c.textMiddle(tickText[i], l.plot.x0-math.Round(0.6*c.em), y, sizeBody, c.muted, alignRight)
	}
}

// categoryLabels names the categories under the plot: every k-th where
// they would not all fit, counting back from the latest.
func (c *canvas) categoryLabels(l *lineLayout) {
	em, pad := c.em, math.Round(0.9*c.em)
	cats := l.cats
	widest := 0.0
	for _, s := range cats {
		widest = math.Max(widest, c.measure(s, sizeBody))
	}
	k := 1
	if len(cats) > 1 {
		spacing := (l.plot.w() - 2*l.inset) / float64(len(cats)-1)
		k = max(1, int(math.Ceil((widest+em)/spacing)))
	}
	for i, s := range cats {
		if (len(cats)-1-i)%k != 0 {
			continue
		}
		x := l.x(i)
		c.vline(x, l.plot.y1, l.plot.y1+math.Round(0.35*em), c.lw, c.axis)
		w := c.measure(s, sizeBody)
		x = math.Max(pad+w/2, math.Min(c.w-pad-w/2, x))
		c.text(s, x, l.plot.y1+math.Round(0.5*em)+c.ascent(sizeBody), sizeBody, c.muted, alignCenter)
	}
}

// seriesLines draws each series as a line broken at its gaps, a dot on
// every point, and with valueLabels each point's value above it.
func (c *canvas) seriesLines(l *lineLayout, pts [][]linePoint, valueLabels bool) {
	width := 3 * c.lw
	r := math.Max(0.33*c.em, 2*c.lw)
	for si, ps := range pts {
		col := c.st.color(si)
		var seg [][2]float64
		flush := func() {
			c.polyline(seg, width, col)
			seg = seg[:0]
		}
		for _, p := range ps {
			if !p.ok {
				flush()
				continue
			}
			seg = append(seg, [2]float64{l.x(p.cat), l.pos(p.v)})
		}
		flush()
		for _, p := range ps {
			if p.ok {
				c.disc(l.x(p.cat), l.pos(p.v), r, col)
			}
		}
	}
	if !valueLabels {
		return
	}
	for _, ps := range pts {
		for _, p := range ps {
			if p.ok {
				c.text(valueLabel(p.v), l.x(p.cat), l.pos(p.v)-r-math.Round(0.35*c.em), sizeBody, c.st.Foreground, alignCenter)
			}
		}
	}
}
