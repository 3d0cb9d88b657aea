package charts

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"strconv"
	"strings"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Text sizes, in points at the style's DPI and font scale.
const (
	sizeTitle  = 15.0
	sizeBody   = 11.0
	sizeNoData = 16.0
)

// Roboto's vertical metrics, as fractions of the font's pixel size.
const (
	ascentRatio  = 0.93
	capRatio     = 0.711
	lineRatio    = 1.3
	descentRatio = 0.24
)

type halign int

const (
	alignLeft halign = iota
	alignCenter
	alignRight
)

// canvas is one render in progress: an RGBA image, go-chart's raster
// context over it and the resolved style. Each render has its own canvas;
// only the read-only font is shared.
type canvas struct {
	img   *image.RGBA
	gc    *drawing.RasterGraphicContext
	st    Style
	w, h  float64
	pt    float64 // pixels per point of text
	em    float64 // pixel size of body text: the unit of spacing
	lw    float64 // pixel width of a thin line
	muted color.Color
	axis  color.Color
	// widths remembers measured text: layouts measure the same labels
	// again and again.
	widths map[textKey]float64
}

// textKey is a text and its size in points.
type textKey struct {
	s    string
	size float64
}

func newCanvas(s Style) (*canvas, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	st := s.resolved()
	img := image.NewRGBA(image.Rect(0, 0, st.Width, st.Height))
	gc, err := drawing.NewRasterGraphicContext(img)
	if err != nil {
		return nil, err
	}
	// Text sizes are given to go-chart in pixels: DPI 72 makes points pixels.
	gc.SetDPI(72)
	gc.SetFont(defaultFont)
	c := &canvas{img: img, gc: gc, st: st, w: float64(st.Width), h: float64(st.Height), widths: map[textKey]float64{}}
	c.pt = st.DPI / 72 * st.FontScale
	// Shrink text on an image too small for it, so a chart always fits.
	em := sizeBody * c.pt
	fit := math.Min(1, math.Min(c.h/(20*em), c.w/(34*em)))
	fit = math.Max(fit, 0.45)
	c.pt *= fit
	c.em = sizeBody * c.pt
	c.lw = math.Max(1, st.DPI/DefaultDPI*math.Sqrt(st.FontScale)*fit)
	c.muted = mix(st.Foreground, st.Background, 0.72)
	c.axis = mix(st.Foreground, st.Background, 0.45)
	draw.Draw(img, img.Bounds(), image.NewUniform(st.Background), image.Point{}, draw.Src)
	return c, nil
}

// px is the pixel size of text of size points.
func (c *canvas) px(size float64) float64 { return size * c.pt }

// lineH is the height of one line of text of size points.
func (c *canvas) lineH(size float64) float64 { return math.Ceil(lineRatio * c.px(size)) }

// ascent is the distance from the top of a line to its baseline.
func (c *canvas) ascent(size float64) float64 {
	return math.Round((lineRatio-1)/2*c.px(size) + ascentRatio*c.px(size) - 0.5*descentRatio*c.px(size))
}

// measure returns the width in pixels of s at size points.
func (c *canvas) measure(s string, size float64) float64 {
	if s == "" {
		return 0
	}
	if w, ok := c.widths[textKey{s, size}]; ok {
		return w
	}
	c.gc.SetFontSize(c.px(size))
	_, _, right, _, err := c.gc.GetStringBounds(s)
	if err != nil || math.IsInf(right, 0) || right < 0 {
		right = 0
	}
	c.widths[textKey{s, size}] = right
	return right
}

// text draws s with its baseline at y, aligned on x.
func (c *canvas) text(s string, x, y, size float64, col color.Color, a halign) {
	if s == "" {
		return
	}
	switch a {
	case alignCenter:
		x -= c.measure(s, size) / 2
	case alignRight:
		x -= c.measure(s, size)
	}
	c.gc.SetFontSize(c.px(size))
	c.gc.SetFillColor(col)
	_, _ = c.gc.CreateStringPath(s, math.Round(x), math.Round(y))
	c.gc.Fill()
}

// textMiddle draws s vertically centred on y.
func (c *canvas) textMiddle(s string, x, y, size float64, col color.Color, a halign) {
	c.text(s, x, y+capRatio*c.px(size)/2, size, col, a)
}

// fill paints the rectangle [x0,x1)×[y0,y1), rounded to whole pixels.
func (c *canvas) fill(x0, y0, x1, y1 float64, col color.Color) {
	r := image.Rect(int(math.Round(x0)), int(math.Round(y0)), int(math.Round(x1)), int(math.Round(y1))).Canon()
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Over)
}

// hline draws a crisp horizontal line of thickness t pixels centred on y.
func (c *canvas) hline(x0, x1, y, t float64, col color.Color) {
	top := math.Round(y - t/2)
	c.fill(x0, top, x1, top+math.Max(1, math.Round(t)), col)
}

// vline draws a crisp vertical line of thickness t pixels centred on x.
func (c *canvas) vline(x, y0, y1, t float64, col color.Color) {
	left := math.Round(x - t/2)
	c.fill(left, y0, left+math.Max(1, math.Round(t)), y1, col)
}

// dashedH draws a crisp dashed horizontal line.
func (c *canvas) dashedH(x0, x1, y, t, dash, gap float64, col color.Color) {
	for x := x0; x < x1; x += dash + gap {
		c.hline(x, math.Min(x+dash, x1), y, t, col)
	}
}

// dashedV draws a crisp dashed vertical line.
func (c *canvas) dashedV(x, y0, y1, t, dash, gap float64, col color.Color) {
	for y := y0; y < y1; y += dash + gap {
		c.vline(x, y, math.Min(y+dash, y1), t, col)
	}
}

// polyline strokes an anti-aliased line through pts (x, y pairs).
func (c *canvas) polyline(pts [][2]float64, width float64, col color.Color) {
	if len(pts) < 2 {
		return
	}
	c.gc.SetStrokeColor(col)
	c.gc.SetLineWidth(width)
	c.gc.SetLineDash(nil, 0)
	c.gc.SetLineCap(drawing.RoundCap)
	c.gc.SetLineJoin(drawing.RoundJoin)
	c.gc.MoveTo(pts[0][0], pts[0][1])
	for _, p := range pts[1:] {
		c.gc.LineTo(p[0], p[1])
	}
	c.gc.Stroke()
}

// disc fills an anti-aliased circle.
func (c *canvas) disc(x, y, r float64, col color.Color) {
	c.gc.SetFillColor(col)
	c.gc.ArcTo(x, y, r, r, 0, 2*math.Pi)
	c.gc.Close()
	c.gc.Fill()
}

// header draws the title at the top left and returns the y where the
// chart's content may start.
func (c *canvas) header(title string) float64 {
	pad := math.Round(0.9 * c.em)
	if title == "" {
		return pad
	}
	title = c.ellipsis(title, c.w-2*pad-float64(c.st.TitleInset), sizeTitle)
	c.text(title, pad, pad+c.ascent(sizeTitle), sizeTitle, c.st.Foreground, alignLeft)
	return pad + c.lineH(sizeTitle) + math.Round(0.5*c.em)
}

// noData draws the title, if any, and NoDataText centred on the image.
func (c *canvas) noData(title string) image.Image {
	c.header(title)
	c.textMiddle(NoDataText, c.w/2, c.h/2, sizeNoData, c.muted, alignCenter)
	return c.img
}

// legendItem is one entry of a legend: a swatch of colour and a name.
type legendItem struct {
	name   string
	col    color.Color
	line   bool // a line swatch with a dot (series) rather than a dot (groups)
	dotted bool // a dotted line swatch (a reference line)
}

// legend draws items left to right from (x, top), wrapping within width,
// and returns the y below it.
func (c *canvas) legend(items []legendItem, x, top, width float64) float64 {
	if len(items) == 0 {
		return top
	}
	lh := c.lineH(sizeBody)
	sw := math.Round(1.6 * c.em)
	gap := math.Round(0.4 * c.em)
	cx, cy := x, top
	for _, it := range items {
		name := c.ellipsis(it.name, width-sw-gap, sizeBody)
		w := sw + gap + c.measure(name, sizeBody)
		if cx > x && cx+w > x+width {
			cx, cy = x, cy+lh
		}
		mid := cy + lh/2
		if it.dotted {
			c.dashedH(cx, cx+sw, mid, 2*c.lw, math.Round(0.25*c.em), math.Round(0.3*c.em), it.col)
		} else if it.line {
			c.hline(cx, cx+sw, mid, 2.5*c.lw, it.col)
			c.disc(cx+sw/2, mid, 0.3*c.em, it.col)
		} else {
			c.disc(cx+sw/2, mid, 0.38*c.em, it.col)
		}
		c.textMiddle(name, cx+sw+gap, mid, sizeBody, c.st.Foreground, alignLeft)
		cx += w + 1.4*c.em
	}
	return cy + lh + math.Round(0.3*c.em)
}

// ellipsis shortens s with "…" to fit width pixels.
func (c *canvas) ellipsis(s string, width, size float64) string {
	if c.measure(s, size) <= width {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r) // longest prefix that fits: binary search
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if c.measure(strings.TrimRight(string(r[:mid]), " ")+"…", size) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return "…"
	}
	return strings.TrimRight(string(r[:lo]), " ") + "…"
}

// wrap breaks s into at most maxLines lines of at most width pixels,
// breaking at spaces; the last line is shortened with "…" if need be.
func (c *canvas) wrap(s string, width, size float64, maxLines int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return nil
	}
	var lines []string
	line := words[0]
	for i := 1; i < len(words); i++ {
		if c.measure(line+" "+words[i], size) <= width {
			line += " " + words[i]
			continue
		}
		if len(lines) >= maxLines-1 {
			line += " " + strings.Join(words[i:], " ")
			break
		}
		lines = append(lines, line)
		line = words[i]
	}
	lines = append(lines, line)
	for i, l := range lines {
		lines[i] = c.ellipsis(l, width, size)
	}
	return lines
}

// niceScale returns a range [lo, hi] ⊇ [from, to] with round ends and a
// round step (1, 2, 2.5 or 5 × a power of ten) giving at most maxTicks
// intervals. With integer set the step is a whole number (for counts of
// children).
func niceScale(from, to float64, maxTicks int, integer bool) (lo, hi, step float64) {
	maxTicks = max(maxTicks, 1)
	if !(to > from) { // equal (or NaN): open up a range around the value
		if to == 0 || !finite(to) {
			from, to = 0, 1
		} else {
			d := math.Max(math.Abs(to)*0.1, 1)
			from, to = from-d, to+d
		}
	}
	mag := math.Pow(10, math.Floor(math.Log10((to-from)/float64(maxTicks))))
	for ; ; mag *= 10 {
		for _, m := range []float64{1, 2, 2.5, 5} {
			step = m * mag
			if integer && step != math.Trunc(step) {
				continue
			}
			lo = math.Floor(from/step+1e-9) * step
			hi = math.Ceil(to/step-1e-9) * step
			if math.Round((hi-lo)/step) <= float64(maxTicks) {
				return clean(lo, step), clean(hi, step), step
			}
		}
	}
}

// clean rounds v, a multiple of step, to step's decimals (0.30000000000000004
// to 0.3).
func clean(v, step float64) float64 {
	p := math.Pow(10, float64(stepDecimals(step)))
	v = math.Round(v*p) / p
	if v == 0 {
		return 0 // not -0
	}
	return v
}

// ticks lists lo, lo+step, … hi.
func ticks(lo, hi, step float64) []float64 {
	var t []float64
	for i := 0; i <= 1000; i++ {
		v := clean(lo+float64(i)*step, step)
		if v > hi+step*1e-6 {
			break
		}
		t = append(t, v)
	}
	return t
}

// formatNumber formats a value for a label: whole numbers without
// decimals (with thousands separators), others to decimals places
// (at least one).
func formatNumber(v float64, decimals int) string {
	if math.Abs(v-math.Round(v)) < 1e-9 {
		return group(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
	}
	if decimals < 1 {
		decimals = 1
	}
	return group(strconv.FormatFloat(v, 'f', decimals, 64))
}

// stepDecimals is how many decimals the labels of ticks step apart need.
func stepDecimals(step float64) int {
	for d := 0; d < 6; d++ {
		p := math.Pow(10, float64(d))
		if math.Abs(step*p-math.Round(step*p)) < 1e-6 {
			return d
		}
	}
	return 6
}

// group puts thousands separators into a formatted number.
func group(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// mix blends a toward b: t=1 is a, t=0 is b.
func mix(a, b color.Color, t float64) color.Color {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	f := func(x, y uint32) uint8 {
		return uint8(math.Round((float64(x)*t + float64(y)*(1-t)) / 257))
	}
	return color.RGBA{R: f(ar, br), G: f(ag, bg), B: f(ab, bb), A: 0xff}
}

// finite reports whether v is a usable value.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
