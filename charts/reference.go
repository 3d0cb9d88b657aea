package charts

import (
	"image/color"
	"math"
	"sort"
	"strings"
)

// A chart's reference lines are published figures to read the data
// against (England's average, a region's): drawn dotted in the muted text
// colour, so that they never read as the chart's thresholds (dashed, in
// the accent colour). Each is named in the legend by its label ("England
// and Wales: 38 weeks (Apr–Jun 2025)") and marked with its value in the
// right margin, where a threshold's label goes. A threshold's label may
// hold a line break, drawn on two lines.

// maxLabelLines is the most lines a margin label is drawn on.
const maxLabelLines = 2

// marginLine is a threshold or reference line with its label laid out.
type marginLine struct {
	value     float64
	lines     []string // the label, each line shortened to fit
	reference bool
}

// marginLines lays out the labels of ths (thresholds) then refs
// (references), each line shortened to at most maxW pixels, and returns
// them with the widest line's width.
func (c *canvas) marginLines(ths, refs []Threshold, maxW float64) ([]marginLine, float64) {
	var out []marginLine
	widest := 0.0
	add := func(t Threshold, ref bool) {
		if !finite(t.Value) {
			return
		}
		label := t.Label
		if ref {
			label = valueLabel(t.Value) // the legend names it
		}
		var lines []string
		for i, s := range strings.Split(label, "\n") {
			if i == maxLabelLines {
				break
			}
			s = c.ellipsis(s, maxW, sizeBody)
			widest = math.Max(widest, c.measure(s, sizeBody))
			lines = append(lines, s)
		}
		out = append(out, marginLine{value: t.Value, lines: lines, reference: ref})
	}
	for _, t := range ths {
		add(t, false)
	}
	for _, t := range refs {
		add(t, true)
	}
	return out, widest
}

// drawMarginLines draws each line across [x0, x1] at pos(value), under
// the data, with its label left-aligned at labelX, labels moved apart
// where they would overlap (within top to bottom).
func (c *canvas) drawMarginLines(ls []marginLine, pos func(float64) float64, x0, x1, labelX, top, bottom float64) {
	em, lh := c.em, c.lineH(sizeBody)
	ys := make([]float64, len(ls))
	hs := make([]float64, len(ls))
	for i, l := range ls {
		ys[i] = pos(l.value)
		hs[i] = float64(len(l.lines)) * lh
	}
	centres := spread(ys, hs, top, bottom)
	for i, l := range ls {
		col := c.st.Accent
		if l.reference {
			col = c.muted
			c.dashedH(x0, x1, ys[i], 2*c.lw, math.Round(0.25*em), math.Round(0.3*em), col)
		} else {
			c.dashedH(x0, x1, ys[i], 2*c.lw, math.Round(0.7*em), math.Round(0.4*em), col)
		}
		first := centres[i] - float64(len(l.lines)-1)*lh/2
		for k, s := range l.lines {
			c.textMiddle(s, labelX, first+float64(k)*lh, sizeBody, col, alignLeft)
		}
	}
}

// referenceLegend is the legend entries of a chart's references.
func (c *canvas) referenceLegend(refs []Threshold) []legendItem {
	var items []legendItem
	for _, r := range refs {
		if finite(r.Value) && r.Label != "" {
			items = append(items, legendItem{name: strings.ReplaceAll(r.Label, "\n", " "), col: c.muted, dotted: true})
		}
	}
	return items
}

// spread returns label centres as near as they can be to ys, labels of
// heights hs not overlapping, none above top or below bottom (where they
// fit). A lone label, or labels far enough apart, stay where they are.
func spread(ys, hs []float64, top, bottom float64) []float64 {
	n := len(ys)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return ys[order[a]] < ys[order[b]] })
	out := append([]float64(nil), ys...)
	// Push down past the label above; then back up from the bottom edge.
	for k := 1; k < n; k++ {
		i, prev := order[k], order[k-1]
		if least := out[prev] + (hs[prev]+hs[i])/2; out[i] < least {
			out[i] = least
		}
	}
	for k := n - 1; k >= 0; k-- {
		i := order[k]
		limit := bottom - hs[i]/2
		if k < n-1 {
			next := order[k+1]
			limit = math.Min(limit, out[next]-(hs[next]+hs[i])/2)
		}
		if n > 1 && out[i] > limit {
			out[i] = math.Max(limit, top+hs[i]/2)
		}
	}
	return out
}

// referenceColour is the colour reference lines are drawn in (the muted
// text colour), for tests.
func (s Style) referenceColour() color.Color {
	r := s.resolved()
	return mix(r.Foreground, r.Background, 0.72)
}
