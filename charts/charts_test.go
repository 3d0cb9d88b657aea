package charts

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

var (
	update     = flag.Bool("update", false, "rewrite the golden PNGs in testdata/")
	samplesDir = flag.String("samples", "", "write sample charts as PNG to this directory (for looking at them)")
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

var (
	planBars = BarChart{
		Title:  "Children by permanence plan",
		YLabel: "Children",
		Bars: []Bar{{"Adoption", 14}, {"Special guardianship", 23}, {"Long-term fostering", 41},
			{"Reunification", 9}, {"Child arrangements order", 5}, {"Residential step-down", 3},
			{"Other", 2}, {"Not recorded", 6}},
		ValueLabels: true,
	}
	ageBars = BarChart{
		Title:       "Children in care by age",
		YLabel:      "Children",
		Bars:        []Bar{{"Under 1", 4}, {"1 to 4", 12}, {"5 to 9", 18}, {"10 to 15", 31}, {"16 and over", 22}},
		ValueLabels: true,
	}
	quarters   = []string{"2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"}
	weeksLines = LineChart{
		Title:  "Time to final hearing by quarter",
		YLabel: "Median weeks",
		Series: []Series{
			{Name: "This authority", Labels: quarters, Values: []float64{38, 41.5, 35, 0, 31, 29.5, 33, 27}, Missing: []bool{false, false, false, true}},
			{Name: "Region", Labels: quarters, Values: []float64{44, 43, 40, 39, 37, 36, 35, 34}},
		},
		Thresholds: []Threshold{{Value: 26, Label: "26-week limit"}},
		YMin0:      true,
	}
	childTimeline = TimelineChart{
		Title: "Child A — milestones",
		Milestones: []Milestone{
			{Label: "Entered care", Date: day("2023-02-14"), Group: "Care"},
			{Label: "Pre-proceedings", Date: day("2022-11-01"), Group: "Court"},
			{Label: "Proceedings issued", Date: day("2023-03-02"), Group: "Court"},
			{Label: "Plan confirmed", Date: day("2023-06-20"), Group: "Plan"},
			{Label: "Second review", Date: day("2023-09-12"), Group: "Plan"},
			{Label: "Final hearing", Date: day("2023-10-30"), Group: "Court"},
			{Label: "Care order", Date: day("2023-10-30"), Group: "Court"},
			{Label: "Placement order", Date: day("2023-10-30"), Group: "Court"},
			{Label: "ADM adoption", Date: day("2023-05-05"), Group: "Adoption"},
			{Label: "Match", Date: day("2024-02-01"), Group: "Adoption"},
			{Label: "Placed for adoption", Date: day("2024-03-15"), Group: "Adoption"},
			{Label: "Adoption application", Date: day("2024-06-01"), Group: "Adoption"},
			{Label: "Next panel review", Date: day("2025-08-10"), Group: "Plan"},
			{Label: "Not recorded", Date: time.Time{}, Group: "Plan"},
		},
		AsAt: day("2025-06-30"),
	}
)

// render is one chart to draw, for the table-driven tests.
type render struct {
	name string
	draw func(Style) (image.Image, error)
}

func barOf(c BarChart) func(Style) (image.Image, error) {
	return func(s Style) (image.Image, error) { return RenderBar(c, s) }
}
func lineOf(c LineChart) func(Style) (image.Image, error) {
	return func(s Style) (image.Image, error) { return RenderLine(c, s) }
}
func timelineOf(c TimelineChart) func(Style) (image.Image, error) {
	return func(s Style) (image.Image, error) { return RenderTimeline(c, s) }
}

func withData() []render {
	h := planBars
	h.Horizontal = true
	many := BarChart{Title: "Many bars"}
	for i := range 120 {
		many.Bars = append(many.Bars, Bar{fmt.Sprintf("Team %d", i), float64(i % 17)})
	}
	negative := BarChart{Bars: []Bar{{"Gain", 5}, {"Loss", -3}}, ValueLabels: true}
	return []render{
		{"bar", barOf(planBars)},
		{"vertical bar", barOf(ageBars)},
		{"many bars", barOf(many)},
		{"negative bars", barOf(negative)},
		{"horizontal bar", barOf(h)},
		{"line", lineOf(weeksLines)},
		{"timeline", timelineOf(childTimeline)},
	}
}

func noData() []render {
	return []render{
		{"no bars", barOf(BarChart{})},
		{"all-zero bars", barOf(BarChart{Bars: []Bar{{"Adoption", 0}, {"Other", 0}}, ValueLabels: true})},
		{"NaN bars", barOf(BarChart{Bars: []Bar{{"Adoption", math.NaN()}}})},
		{"horizontal no bars", barOf(BarChart{Horizontal: true})},
		{"no series", lineOf(LineChart{Thresholds: []Threshold{{26, "26-week limit"}}})},
		{"empty series", lineOf(LineChart{Series: []Series{{Name: "A"}}})},
		{"all missing", lineOf(LineChart{Series: []Series{{Name: "A", Labels: quarters[:3], Values: []float64{30, 31, 32}, Missing: []bool{true, true, true}}}})},
		{"all NaN", lineOf(LineChart{Series: []Series{{Labels: quarters[:2], Values: []float64{math.NaN(), math.NaN()}}}})},
		{"all-zero line", lineOf(LineChart{Series: []Series{{Labels: quarters[:2], Values: []float64{0, 0}}}, YMin0: true})},
		{"no milestones", timelineOf(TimelineChart{AsAt: day("2025-06-30")})},
		{"undated milestones", timelineOf(TimelineChart{Milestones: []Milestone{{Label: "Match"}}})},
	}
}

func rgba(t *testing.T, img image.Image) *image.RGBA {
	t.Helper()
	r, ok := img.(*image.RGBA)
	if !ok {
		t.Fatalf("image is %T, want *image.RGBA", img)
	}
	return r
}

func same(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}

// ink counts the pixels of r that are not the background.
func ink(img *image.RGBA, bg color.Color, r image.Rectangle) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !same(img.At(x, y), bg) {
				n++
			}
		}
	}
	return n
}

// count counts the pixels of r within tol (0–255 per channel) of want.
func count(img *image.RGBA, want color.Color, tol int, r image.Rectangle) int {
	n := 0
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if near(img.RGBAAt(x, y), want, tol) {
				n++
			}
		}
	}
	return n
}

func near(c color.RGBA, want color.Color, tol int) bool {
	w := color.RGBAModel.Convert(want).(color.RGBA)
	d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
	return d(c.R, w.R) <= tol && d(c.G, w.G) <= tol && d(c.B, w.B) <= tol
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

var sizes = [][2]int{{1920, 1080}, {800, 450}, {320, 200}, {1000, 1000}, {120, 80}, {1, 1}}

func TestImageHasRequestedSize(t *testing.T) {
	for _, r := range append(withData(), noData()...) {
		for _, wh := range sizes {
			for _, st := range []Style{LightStyle(wh[0], wh[1]), DarkStyle(wh[0], wh[1]), {Width: wh[0], Height: wh[1], FontScale: 2}} {
				img, err := r.draw(st)
				if err != nil {
					t.Fatalf("%s %v: %v", r.name, wh, err)
				}
				if b := img.Bounds(); b != image.Rect(0, 0, wh[0], wh[1]) {
					t.Errorf("%s: bounds %v, want %dx%d", r.name, b, wh[0], wh[1])
				}
			}
		}
	}
}

func TestBadSizeIsAnError(t *testing.T) {
	for _, wh := range [][2]int{{0, 100}, {100, 0}, {-1, -1}} {
		if _, err := RenderBar(planBars, LightStyle(wh[0], wh[1])); !errors.Is(err, ErrSize) {
			t.Errorf("size %v: err %v, want ErrSize", wh, err)
		}
	}
}

func TestChartsWithDataHaveInk(t *testing.T) {
	for _, r := range withData() {
		for _, st := range []Style{LightStyle(800, 450), DarkStyle(1920, 1080)} {
			img := rgba(t, must(r.draw(st)))
			n := ink(img, st.Background, img.Bounds())
			if frac := float64(n) / float64(st.Width*st.Height); frac < 0.01 {
				t.Errorf("%s %dx%d: only %.2f%% of pixels drawn", r.name, st.Width, st.Height, 100*frac)
			}
		}
	}
}

func must(img image.Image, err error) image.Image {
	if err != nil {
		panic(err)
	}
	return img
}

func TestNoDataShowsCentredText(t *testing.T) {
	st := LightStyle(800, 450)
	withBars := rgba(t, must(RenderBar(BarChart{Bars: []Bar{{"Adoption", 3}}}, st)))
	middle := image.Rect(0, st.Height*3/8, st.Width, st.Height*5/8)
	for _, r := range noData() {
		img := rgba(t, must(r.draw(st)))
		inMiddle := ink(img, st.Background, middle)
		if inMiddle < 200 {
			t.Errorf("%s: %d pixels of text in the middle band, want the no-data text", r.name, inMiddle)
		}
		if outside := ink(img, st.Background, img.Bounds()) - inMiddle; outside != 0 {
			t.Errorf("%s: %d pixels drawn outside the middle band", r.name, outside)
		}
		// The text is centred: as much ink left of the middle as right.
		left := ink(img, st.Background, image.Rect(0, 0, st.Width/2, st.Height))
		if f := float64(left) / float64(inMiddle); f < 0.4 || f > 0.6 {
			t.Errorf("%s: %.0f%% of the text left of centre", r.name, 100*f)
		}
		if diff := differing(img, withBars, 0); diff < st.Width*st.Height/50 {
			t.Errorf("%s: only %d pixels differ from a chart with data", r.name, diff)
		}
	}
}

func TestNoDataKeepsTitle(t *testing.T) {
	st := DarkStyle(800, 450)
	img := rgba(t, must(RenderLine(LineChart{Title: "Time to final hearing by quarter"}, st)))
	top := image.Rect(0, 0, st.Width, st.Height/8)
	middle := image.Rect(0, st.Height*3/8, st.Width, st.Height*5/8)
	if ink(img, st.Background, top) < 100 {
		t.Error("no title at the top")
	}
	if ink(img, st.Background, middle) < 200 {
		t.Error("no text in the middle")
	}
	if rest := ink(img, st.Background, img.Bounds()) - ink(img, st.Background, top) - ink(img, st.Background, middle); rest != 0 {
		t.Errorf("%d pixels drawn beside the title and the text", rest)
	}
}

// barLength measures, in pixels, the run of colour col through (x, y)
// along the column (or row, if horizontal).
func barLength(img *image.RGBA, col color.Color, x, y int, horizontal bool) int {
	n := 0
	for d := -1; d <= 1; d += 2 {
		for i := 0; ; i++ {
			px, py := x, y+d*i
			if horizontal {
				px, py = x+d*i, y
			}
			if !(image.Point{px, py}.In(img.Bounds())) || !near(img.RGBAAt(px, py), col, 0) {
				break
			}
			if i > 0 || d < 0 {
				n++
			}
		}
	}
	return n
}

func TestBarsStartAtZero(t *testing.T) {
	for _, horizontal := range []bool{false, true} {
		for _, st := range []Style{LightStyle(800, 450), DarkStyle(1920, 1080)} {
			c := BarChart{Title: "Two bars", Bars: []Bar{{"A", 5}, {"B", 6}}, Horizontal: horizontal, ValueLabels: true}
			img, l, err := renderBar(c, st)
			if err != nil {
				t.Fatal(err)
			}
			if l.lo != 0 || l.hi < 6 {
				t.Errorf("horizontal=%v: value axis %g..%g, want it from 0 to at least 6", horizontal, l.lo, l.hi)
			}
			// What a user sees: the bars' lengths are as 5 to 6.
			var lengths [2]float64
			for i := range 2 {
				var x, y int
				if horizontal {
					x = int(l.pos(2.5))
					y = int(l.plot.y0 + (float64(i)+0.5)*l.plot.h()/2)
				} else {
					x = int(l.plot.x0 + (float64(i)+0.5)*l.plot.w()/2)
					y = int(l.pos(2.5))
				}
				lengths[i] = float64(barLength(rgba(t, img), st.Palette[0], x, y, horizontal))
			}
			if r := lengths[0] / lengths[1]; math.Abs(r-5.0/6) > 0.02 {
				t.Errorf("horizontal=%v %dx%d: bar lengths %v, ratio %.3f, want 5:6", horizontal, st.Width, st.Height, lengths, r)
			}
		}
	}
}

func TestNotRecordedBarHasNoBar(t *testing.T) {
	st := LightStyle(800, 450)
	c := BarChart{Bars: []Bar{{"2025-Q1", 40}, {"2025-Q2", math.NaN()}, {"2025-Q3", 60}}, ValueLabels: true}
	img, l, err := renderBar(c, st)
	if err != nil {
		t.Fatal(err)
	}
	third := l.plot.w() / 3
	for i, want := range []bool{true, false, true} {
		col := image.Rect(int(l.plot.x0+float64(i)*third), int(l.plot.y0), int(l.plot.x0+float64(i+1)*third), int(l.plot.y1)-2)
		if got := count(rgba(t, img), st.Palette[0], 0, col) > 0; got != want {
			t.Errorf("bar %d drawn: %v, want %v", i, got, want)
		}
	}
}

func TestNiceScale(t *testing.T) {
	for _, tc := range []struct {
		min, max     float64
		ticks        int
		integer      bool
		lo, hi, step float64
	}{
		{0, 6, 8, true, 0, 6, 1},
		{0, 41, 8, true, 0, 50, 10},
		{0, 41, 5, true, 0, 50, 10},
		{0, 3, 8, true, 0, 3, 1}, // never half a child
		{0, 0.3, 5, false, 0, 0.3, 0.1},
		{26, 41.5, 8, false, 26, 42, 2},
		{0, 1234, 6, true, 0, 1250, 250},
		{-5, 7, 6, true, -5, 10, 5},
		{-5, 7, 8, true, -6, 8, 2},
		{26, 26, 6, false, 23, 29, 1},
		{0, 0, 6, true, 0, 1, 1},
	} {
		lo, hi, step := niceScale(tc.min, tc.max, tc.ticks, tc.integer)
		if lo != tc.lo || hi != tc.hi || step != tc.step {
			t.Errorf("niceScale(%g, %g, %d, %v) = %g, %g, %g; want %g, %g, %g",
				tc.min, tc.max, tc.ticks, tc.integer, lo, hi, step, tc.lo, tc.hi, tc.step)
		}
		if n := (hi - lo) / step; n > float64(tc.ticks)+1e-9 && tc.max > tc.min {
			t.Errorf("niceScale(%g, %g, %d): %g intervals", tc.min, tc.max, tc.ticks, n)
		}
	}
}

func TestLineAxis(t *testing.T) {
	c := LineChart{Series: []Series{{Labels: quarters[:3], Values: []float64{31, 35, 38}}}}
	for _, tc := range []struct {
		yMin0 bool
		ths   []Threshold
		lo    float64
		hi    float64
	}{
		{false, nil, 31, 38},
		{true, nil, 0, 38},
		{false, []Threshold{{26, "26-week limit"}}, 26, 38},
		{false, []Threshold{{52, "a year"}}, 31, 52},
	} {
		c.YMin0, c.Thresholds = tc.yMin0, tc.ths
		_, l, err := renderLine(c, LightStyle(800, 450))
		if err != nil {
			t.Fatal(err)
		}
		if l.lo > tc.lo || l.hi < tc.hi || (tc.yMin0 && l.lo != 0) || (!tc.yMin0 && l.lo <= 0) {
			t.Errorf("YMin0=%v thresholds=%v: axis %g..%g, want it to span %g..%g", tc.yMin0, tc.ths, l.lo, l.hi, tc.lo, tc.hi)
		}
	}
}

func TestThresholdLineIsDrawn(t *testing.T) {
	for _, st := range []Style{LightStyle(800, 450), DarkStyle(1920, 1080), {Width: 1280, Height: 720, FontScale: 2}} {
		img, l, err := renderLine(weeksLines, st)
		if err != nil {
			t.Fatal(err)
		}
		accent := st.resolved().Accent
		y := int(math.Floor(l.pos(26)))
		row := image.Rect(int(l.plot.x0), y, int(l.plot.x1), y+1)
		if n := count(rgba(t, img), accent, 8, row); float64(n) < 0.45*l.plot.w() {
			t.Errorf("%dx%d: %d threshold-coloured pixels on row %d, want a dashed line across %0.f", st.Width, st.Height, n, y, l.plot.w())
		}
		label := image.Rect(int(l.plot.x1), y-int(l.em), st.Width, y+int(l.em))
		if n := count(rgba(t, img), accent, 40, label); n < 30 {
			t.Errorf("%dx%d: no threshold label right of the line (%d pixels)", st.Width, st.Height, n)
		}

		none := weeksLines
		none.Thresholds = nil
		img, _, _ = renderLine(none, st)
		if n := count(rgba(t, img), accent, 8, img.Bounds()); n != 0 {
			t.Errorf("%dx%d: %d threshold-coloured pixels without a threshold", st.Width, st.Height, n)
		}
	}
}

func TestLineGapsAndCategories(t *testing.T) {
	c := LineChart{Series: []Series{
		{Name: "A", Labels: []string{"2024-Q1", "2024-Q2", "2024-Q4"}, Values: []float64{1, 2, 4}},
		{Name: "B", Labels: []string{"2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"}, Values: []float64{2, 3, 4, 5}, Missing: []bool{false, true}},
		{Name: "C", Labels: []string{"2023-Q4"}, Values: []float64{1}},
	}}
	cats, pts := c.categories()
	want := "[2023-Q4 2024-Q1 2024-Q2 2024-Q3 2024-Q4 2025-Q1]"
	if fmt.Sprint(cats) != want {
		t.Errorf("categories %v, want %v", cats, want)
	}
	if got := fmt.Sprint(pts[1]); got != "[{2 2 true} {3 3 false} {4 4 true} {5 5 true}]" {
		t.Errorf("series B points %s", got)
	}
	// Labels not in order: by first appearance, a new one after the
	// series' previous label; no labels: numbered.
	c = LineChart{Series: []Series{
		{Labels: []string{"Jan", "Mar", "Feb"}, Values: []float64{1, 2, 3}},
		{Labels: []string{"Apr", "Jan", "May"}, Values: []float64{1, 2, 3}},
		{Values: []float64{1, 2}},
	}}
	cats, _ = c.categories()
	if want := "[Apr Jan May Mar Feb 1 2]"; fmt.Sprint(cats) != want {
		t.Errorf("categories %v, want %v", cats, want)
	}
}

func TestStyles(t *testing.T) {
	for _, tc := range []struct {
		name string
		st   Style
		dark bool
	}{
		{"light", LightStyle(800, 450), false},
		{"dark", DarkStyle(800, 450), true},
		{"zero style", Style{Width: 800, Height: 450}, false},
		{"dark flag only", Style{Width: 800, Height: 450, Dark: true}, true},
		{"caller's colours", Style{Width: 800, Height: 450, Background: color.Black, Foreground: color.White}, true},
	} {
		for _, r := range withData() {
			img := rgba(t, must(r.draw(tc.st)))
			bg := luminance(img.At(1, 1))
			if tc.dark && bg > 0.15 || !tc.dark && bg < 0.85 {
				t.Errorf("%s %s: background luminance %.2f", tc.name, r.name, bg)
			}
			// Text is there and contrasts: some pixel is near the foreground.
			fg := tc.st.resolved().Foreground
			if n := count(img, fg, 24, img.Bounds()); n < 50 {
				t.Errorf("%s %s: only %d pixels of foreground colour", tc.name, r.name, n)
			}
		}
	}
}

func TestFontScaleEnlargesText(t *testing.T) {
	// The no-data text is simplest to measure: its ink doubles in height.
	height := func(img *image.RGBA, bg color.Color) int {
		top, bottom := -1, -1
		for y := 0; y < img.Bounds().Dy(); y++ {
			if ink(img, bg, image.Rect(0, y, img.Bounds().Dx(), y+1)) > 0 {
				if top < 0 {
					top = y
				}
				bottom = y
			}
		}
		return bottom - top
	}
	st := LightStyle(1920, 1080)
	h1 := height(rgba(t, must(RenderBar(BarChart{}, st))), st.Background)
	st.FontScale = 2
	h2 := height(rgba(t, must(RenderBar(BarChart{}, st))), st.Background)
	st.FontScale, st.DPI = 1, 2*DefaultDPI // a canvas scale of 2
	h3 := height(rgba(t, must(RenderBar(BarChart{}, st))), st.Background)
	if math.Abs(float64(h2)/float64(h1)-2) > 0.2 || math.Abs(float64(h3)/float64(h1)-2) > 0.2 {
		t.Errorf("text height %d at scale 1, %d at font scale 2, %d at DPI 184", h1, h2, h3)
	}
}

func TestValueLabels(t *testing.T) {
	st := LightStyle(800, 450)
	c := BarChart{Bars: []Bar{{"Adoption", 14}, {"Special guardianship", 23}}}
	without, l, _ := renderBar(c, st)
	c.ValueLabels = true
	with, l2, _ := renderBar(c, st)
	for i, b := range c.Bars {
		for _, tc := range []struct {
			img image.Image
			l   *axisLayout
			say bool
		}{{without, l, false}, {with, l2, true}} {
			x := int(tc.l.plot.x0 + (float64(i)+0.5)*tc.l.plot.w()/2)
			top := int(tc.l.pos(b.Value))
			above := image.Rect(x-20, top-int(2*tc.l.em), x+20, top-1)
			n := count(rgba(t, tc.img), st.Foreground, 40, above)
			if tc.say && n < 10 || !tc.say && n > 0 {
				t.Errorf("ValueLabels=%v bar %d: %d pixels of text above the bar", tc.say, i, n)
			}
		}
	}
}

func TestTimelineLabelsDoNotOverlap(t *testing.T) {
	for _, st := range []Style{LightStyle(1920, 1080), DarkStyle(800, 450), {Width: 1920, Height: 1080, FontScale: 2}, LightStyle(1280, 800)} {
		img, l, ps, err := renderTimeline(childTimeline, st)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 13 {
			t.Errorf("%d milestones placed, want the 13 dated ones", len(ps))
		}
		for i, a := range ps {
			if a.box.x0 < 0 || a.box.x1 > float64(st.Width) || a.box.y0 < l.plot.y0 || a.box.y1 > l.plot.y1 {
				t.Errorf("%dx%d: label %q at %v is outside the plot %v", st.Width, st.Height, a.lab, a.box, l.plot)
			}
			for _, b := range ps[i+1:] {
				if a.box.x0 < b.box.x1 && b.box.x0 < a.box.x1 && a.box.y0 < b.box.y1 && b.box.y0 < a.box.y1 {
					t.Errorf("%dx%d: labels %q %v and %q %v overlap", st.Width, st.Height, a.lab, a.box, b.lab, b.box)
				}
			}
		}
		// The as-at marker: a dashed accent line down the plot.
		x := int(math.Round(l.x(childTimeline.AsAt)))
		col := image.Rect(x-1, int(l.plot.y0), x+1, int(l.plot.y1))
		if n := count(rgba(t, img), st.resolved().Accent, 8, col); n < int(l.plot.h()/3) {
			t.Errorf("%dx%d: %d accent pixels at the as-at day", st.Width, st.Height, n)
		}
	}
}

func TestTimeTicks(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		max      int
		want     string
	}{
		{"2022-10-15", "2025-09-10", 12, "[Jan 2023 Apr 2023 Jul 2023 Oct 2023 Jan 2024 Apr 2024 Jul 2024 Oct 2024 Jan 2025 Apr 2025 Jul 2025]"},
		{"2022-10-15", "2025-09-10", 8, "[Jan 2023 Jul 2023 Jan 2024 Jul 2024 Jan 2025 Jul 2025]"},
		{"2022-10-15", "2025-09-10", 40, "[Nov 2022 Dec 2022 Jan 2023 Feb 2023 Mar 2023 Apr 2023 May 2023 Jun 2023 Jul 2023 Aug 2023 Sep 2023 Oct 2023 Nov 2023 Dec 2023 Jan 2024 Feb 2024 Mar 2024 Apr 2024 May 2024 Jun 2024 Jul 2024 Aug 2024 Sep 2024 Oct 2024 Nov 2024 Dec 2024 Jan 2025 Feb 2025 Mar 2025 Apr 2025 May 2025 Jun 2025 Jul 2025 Aug 2025 Sep 2025]"},
		{"2010-03-01", "2025-09-10", 5, "[2015 2020 2025]"},
		{"2025-05-01", "2025-06-20", 10, "[5 May 12 May 19 May 26 May 2 Jun 9 Jun 16 Jun]"},
	} {
		ts, layout := timeTicks(day(tc.from), day(tc.to), tc.max)
		var got []string
		for _, t := range ts {
			got = append(got, t.Format(layout))
		}
		if fmt.Sprint(got) != tc.want {
			t.Errorf("timeTicks(%s, %s, %d) = %v, want %s", tc.from, tc.to, tc.max, got, tc.want)
		}
	}
}

func TestConcurrentRendersMatchSerial(t *testing.T) {
	st := LightStyle(640, 360)
	renders := append(withData(), noData()[:2]...)
	want := make([][]byte, len(renders))
	for i, r := range renders {
		want[i] = rgba(t, must(r.draw(st))).Pix
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range renders {
				r := renders[(i+g)%len(renders)]
				img, err := r.draw(st)
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(img.(*image.RGBA).Pix, want[(i+g)%len(renders)]) {
					t.Errorf("%s: concurrent render differs from serial", r.name)
				}
			}
		}()
	}
	wg.Wait()
}

func TestPNG(t *testing.T) {
	img := must(RenderBar(planBars, LightStyle(400, 300)))
	b, err := PNG(img)
	if err != nil {
		t.Fatal(err)
	}
	back, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if back.Bounds() != img.Bounds() || differing(rgba(t, img), toRGBA(back), 0) != 0 {
		t.Error("PNG does not decode to the image")
	}
}

func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 41: "41", 1234: "1,234", -1234567: "-1,234,567", 27.5: "27.5", 1234.26: "1,234.3"} {
		if got := formatNumber(v, 1); got != want {
			t.Errorf("formatNumber(%g) = %q, want %q", v, got, want)
		}
	}
}

// Goldens: a few charts compared with PNGs in testdata/ with a tolerance
// (anti-aliasing may differ by a shade across machines). -update rewrites
// them; a mismatch writes what was drawn to testdata/failed/.
func TestGoldens(t *testing.T) {
	pres := LightStyle(1280, 720)
	pres.FontScale = 2
	for _, g := range []struct {
		name string
		img  func() (image.Image, error)
	}{
		{"bar_light_800x450", func() (image.Image, error) { return RenderBar(planBars, LightStyle(800, 450)) }},
		{"bar_vertical_light_800x450", func() (image.Image, error) { return RenderBar(ageBars, LightStyle(800, 450)) }},
		{"line_dark_800x450", func() (image.Image, error) { return RenderLine(weeksLines, DarkStyle(800, 450)) }},
		{"line_presentation_1280x720", func() (image.Image, error) { return RenderLine(weeksLines, pres) }},
		{"timeline_light_960x540", func() (image.Image, error) { return RenderTimeline(childTimeline, LightStyle(960, 540)) }},
		{"nodata_dark_800x450", func() (image.Image, error) {
			return RenderBar(BarChart{Title: "Children by permanence plan"}, DarkStyle(800, 450))
		}},
	} {
		t.Run(g.name, func(t *testing.T) {
			got := rgba(t, must(g.img()))
			path := filepath.Join("testdata", g.name+".png")
			if *update {
				writePNG(t, path, got)
				return
			}
			f, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			want, err := png.Decode(bytes.NewReader(f))
			if err != nil {
				t.Fatal(err)
			}
			if want.Bounds() != got.Bounds() {
				t.Fatalf("size %v, golden %v", got.Bounds(), want.Bounds())
			}
			n := differing(got, toRGBA(want), 48)
			if limit := got.Bounds().Dx() * got.Bounds().Dy() / 200; n > limit {
				failed := filepath.Join("testdata", "failed", g.name+".png")
				writePNG(t, failed, got)
				t.Errorf("%d pixels differ from %s (limit %d); wrote %s", n, path, limit, failed)
			}
		})
	}
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := PNG(img)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func toRGBA(img image.Image) *image.RGBA {
	if r, ok := img.(*image.RGBA); ok {
		return r
	}
	b := img.Bounds()
	r := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r.Set(x, y, img.At(x, y))
		}
	}
	return r
}

// differing counts the pixels where a and b differ by more than tol in
// some channel.
func differing(a, b *image.RGBA, tol int) int {
	n := 0
	for y := 0; y < a.Bounds().Dy(); y++ {
		for x := 0; x < a.Bounds().Dx(); x++ {
			if !near(a.RGBAAt(x, y), b.RGBAAt(x, y), tol) {
				n++
			}
		}
	}
	return n
}

// TestSamples writes sample charts for a person to look at:
// go test ./charts -run TestSamples -samples /tmp/charts
func TestSamples(t *testing.T) {
	if *samplesDir == "" {
		t.Skip("-samples not set")
	}
	h := planBars
	h.Horizontal = true
	big, pres, small := LightStyle(1920, 1080), LightStyle(1920, 1080), DarkStyle(800, 450)
	pres.FontScale = 2
	for name, f := range map[string]func() (image.Image, error){
		"bar_light":  func() (image.Image, error) { return RenderBar(planBars, big) },
		"bar_dark":   func() (image.Image, error) { return RenderBar(planBars, small) },
		"bar_pres":   func() (image.Image, error) { return RenderBar(planBars, pres) },
		"hbar_light": func() (image.Image, error) { return RenderBar(h, big) },
		"line_light": func() (image.Image, error) { return RenderLine(weeksLines, big) },
		"line_pres":  func() (image.Image, error) { return RenderLine(weeksLines, pres) },
		"line_dark":  func() (image.Image, error) { return RenderLine(weeksLines, small) },
		"time_light": func() (image.Image, error) { return RenderTimeline(childTimeline, big) },
		"time_pres":  func() (image.Image, error) { return RenderTimeline(childTimeline, pres) },
		"time_dark":  func() (image.Image, error) { return RenderTimeline(childTimeline, small) },
		"empty":      func() (image.Image, error) { return RenderBar(BarChart{Title: "Children by plan"}, small) },
	} {
		writePNG(t, filepath.Join(*samplesDir, name+".png"), must(f()))
	}
}

func benchmark(b *testing.B, draw func(Style) (image.Image, error)) {
	st := LightStyle(1920, 1080)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := draw(st); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderBar1920x1080(b *testing.B)      { benchmark(b, barOf(planBars)) }
func BenchmarkRenderLine1920x1080(b *testing.B)     { benchmark(b, lineOf(weeksLines)) }
func BenchmarkRenderTimeline1920x1080(b *testing.B) { benchmark(b, timelineOf(childTimeline)) }

// A saved chart carries its caption under it, in a strip of its own: the
// chart above is unchanged, pixel for pixel.
func TestCaptioned(t *testing.T) {
	st := LightStyle(800, 400)
	img, err := RenderBar(BarChart{Title: "T", Bars: []Bar{{Label: "A", Value: 3}}}, st)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Captioned(img, "Demo Borough Council · as at 31 Mar 2026 · period 1 Apr 2025 to 31 Mar 2026 · Team: North", st)
	if err != nil {
		t.Fatal(err)
	}
	b := out.Bounds()
	if b.Dx() != 800 || b.Dy() <= 400 || b.Dy() > 480 {
		t.Fatalf("captioned size %v", b)
	}
	for _, p := range [][2]int{{10, 10}, {400, 200}, {799, 399}} {
		if out.At(p[0], p[1]) != img.At(p[0], p[1]) {
			t.Fatalf("the chart changed at %v", p)
		}
	}
	ink := 0
	for y := 401; y < b.Dy(); y++ {
		for x := 0; x < 800; x++ {
			if r, _, _, _ := out.At(x, y).RGBA(); r < 0xc000 {
				ink++
			}
		}
	}
	if ink < 200 {
		t.Errorf("the caption strip holds %d dark pixels: no caption drawn", ink)
	}
	if same, _ := Captioned(img, "", st); same != img {
		t.Error("no caption: the chart as it is")
	}
}

func TestTitleInsetKeepsCornerClear(t *testing.T) {
	c := BarChart{Title: "Final hearings within 26 weeks (% of hearings) and a good deal more words", Bars: planBars.Bars}
	corner := image.Rect(300, 0, 400, 18) // the title's row, right of 300
	for _, inset := range []int{0, 100} {
		st := LightStyle(400, 300)
		st.TitleInset = inset
		img, err := RenderBar(c, st)
		if err != nil {
			t.Fatal(err)
		}
		n := ink(img.(*image.RGBA), st.Background, corner)
		if inset == 0 && n == 0 {
			t.Error("with no inset, a long title should reach the right of its row")
		}
		if inset == 100 && n != 0 {
			t.Errorf("with a 100-pixel inset, %d pixels of the title are under the button", n)
		}
	}
}
