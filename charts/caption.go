package charts

import (
	"image"
	"image/draw"
	"math"
)

// Captioned returns the chart with a caption strip under it: what the
// chart is of (the authority, the as-at date, the period, the filters), so
// a saved picture still says it when it is pasted into a report. The
// caption wraps to at most three lines in the style's muted colour.
func Captioned(chart image.Image, caption string, s Style) (image.Image, error) {
	if caption == "" {
		return chart, nil
	}
	b := chart.Bounds()
	probe, err := newCanvas(Style{Width: b.Dx(), Height: b.Dy(), DPI: s.DPI, FontScale: s.FontScale,
		Background: s.Background, Foreground: s.Foreground, Dark: s.Dark})
	if err != nil {
		return nil, err
	}
	margin := probe.em
	lines := probe.wrap(caption, probe.w-2*margin, sizeBody, 3)
	strip := int(math.Ceil(float64(len(lines))*probe.lineH(sizeBody) + margin))
	st := s
	st.Width, st.Height = b.Dx(), b.Dy()+strip
	c, err := newCanvas(st)
	if err != nil {
		return nil, err
	}
	c.pt, c.em = probe.pt, probe.em // the chart's own text size, not the taller image's
	draw.Draw(c.img, b.Sub(b.Min), chart, b.Min, draw.Src)
	c.hline(margin, c.w-margin, float64(b.Dy())+1, c.lw, c.axis)
	y := float64(b.Dy()) + margin/2
	for _, l := range lines {
		c.text(l, margin, y+c.ascent(sizeBody), sizeBody, c.muted, alignLeft)
		y += c.lineH(sizeBody)
	}
	return c.img, nil
}
