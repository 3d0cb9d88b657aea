package charts

import (
	"image"
	"math"
	"testing"
)

// A reference line (England's average) is drawn dotted across the plot in
// the muted colour, the value axis reaches it, its value sits in the right
// margin and its label in the legend above the plot, and it is not drawn
// in the accent colour of thresholds.
func TestReferenceLineIsDrawn(t *testing.T) {
	lc := LineChart{Series: []Series{{Labels: quarters[:4], Values: []float64{20, 24, 22, 25}}},
		References: []Threshold{{Value: 38, Label: "England and Wales: 38 weeks (Apr–Jun 2025)"}}}
	for _, st := range []Style{LightStyle(800, 450), DarkStyle(1280, 720)} {
		img, l, err := renderLine(lc, st)
		if err != nil {
			t.Fatal(err)
		}
		if l.hi < 38 {
			t.Errorf("%dx%d: the axis stops at %g, under the reference's 38", st.Width, st.Height, l.hi)
		}
		muted := st.referenceColour()
		y := int(math.Floor(l.pos(38)))
		row := image.Rect(int(l.plot.x0), y, int(l.plot.x1), y+1)
		if n := count(rgba(t, img), muted, 8, row); float64(n) < 0.3*l.plot.w() || float64(n) > 0.75*l.plot.w() {
			t.Errorf("%dx%d: %d muted pixels on row %d of a plot %0.f wide: want a dotted line", st.Width, st.Height, n, y, l.plot.w())
		}
		label := image.Rect(int(l.plot.x1), y-int(l.em), st.Width, y+int(l.em))
		if n := count(rgba(t, img), muted, 40, label); n < 15 {
			t.Errorf("%dx%d: no value right of the reference (%d pixels)", st.Width, st.Height, n)
		}
		// Above the plot and clear of the top tick's label.
		legend := image.Rect(0, 0, st.Width, int(l.plot.y0-l.em))
		if n := count(rgba(t, img), muted, 8, legend); float64(n) < 1.2*l.em {
			t.Errorf("%dx%d: no dotted swatch in the legend (%d muted pixels above the plot)", st.Width, st.Height, n)
		}
		plain := lc
		plain.References = nil
		bare, pl, _ := renderLine(plain, st)
		if pl.plot.y0 >= l.plot.y0 {
			t.Errorf("%dx%d: the legend line should push the plot down (%g, with the reference %g)", st.Width, st.Height, pl.plot.y0, l.plot.y0)
		}
		if n := count(rgba(t, bare), muted, 8, image.Rect(0, 0, st.Width, int(pl.plot.y0-pl.em))); n != 0 {
			t.Errorf("%dx%d: %d muted pixels above the plot with no reference", st.Width, st.Height, n)
		}
		if n := count(rgba(t, img), st.resolved().Accent, 8, img.Bounds()); n != 0 {
			t.Errorf("%dx%d: %d accent pixels with no threshold", st.Width, st.Height, n)
		}
	}
}

// Vertical bars: the reference is drawn across the bars, the axis reaches
// it; horizontal bars: down the plot. Bars still start at zero.
func TestBarReference(t *testing.T) {
	bc := BarChart{Bars: []Bar{{Label: "Q1", Value: 20}, {Label: "Q2", Value: 30}}, References: []Threshold{{Value: 36, Label: "England 36%"}}}
	st := LightStyle(800, 450)
	img, l, err := renderBar(bc, st)
	if err != nil {
		t.Fatal(err)
	}
	if l.hi < 36 || l.lo != 0 {
		t.Errorf("axis %g..%g, want 0 to at least 36", l.lo, l.hi)
	}
	y := int(math.Floor(l.pos(36)))
	if n := count(rgba(t, img), st.referenceColour(), 8, image.Rect(int(l.plot.x0), y, int(l.plot.x1), y+1)); float64(n) < 0.3*l.plot.w() {
		t.Errorf("%d muted pixels along the reference at row %d", n, y)
	}
	bc.Horizontal = true
	img, l, err = renderBar(bc, st)
	if err != nil {
		t.Fatal(err)
	}
	x := int(math.Floor(l.pos(36)))
	if n := count(rgba(t, img), st.referenceColour(), 8, image.Rect(x, int(l.plot.y0), x+1, int(l.plot.y1))); float64(n) < 0.3*l.plot.h() {
		t.Errorf("horizontal bars: %d muted pixels down the reference at column %d", n, x)
	}
}

// Labels of lines close in value are moved apart; a lone label, or labels
// far apart, stay on their lines.
func TestSpreadLabels(t *testing.T) {
	got := spread([]float64{100, 105, 300}, []float64{20, 20, 20}, 0, 400)
	if got[0] != 100 || got[1] != 120 || got[2] != 300 {
		t.Errorf("spread = %v, want [100 120 300]", got)
	}
	got = spread([]float64{395, 390}, []float64{20, 20}, 0, 400)
	// sorted: 390 then 395 → 390, 410; 410 is past the bottom (390 max
	// for its centre): back to 390, the other up to 370.
	if got[0] != 390 || got[1] != 370 {
		t.Errorf("at the foot: %v, want [390 370]", got)
	}
	if got := spread([]float64{-5}, []float64{20}, 0, 400); got[0] != -5 {
		t.Errorf("a lone label moved: %v", got)
	}
}
