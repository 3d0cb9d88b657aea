package charts

// BarAt reports which bar of c, drawn with style s, is under the pixel
// (x, y) of the image (the bar itself, its band, or its category name), or
// -1 when there is none. Callers use it to open the children behind a bar.
func BarAt(c BarChart, s Style, x, y float64) int {
	_, l, err := renderBar(c, s)
	if err != nil || l == nil || len(c.Bars) == 0 {
		return -1
	}
	n := float64(len(c.Bars))
	var i int
	if l.horizontal {
		if y < l.plot.y0 || y >= l.plot.y1 || x < 0 || x > float64(s.Width) {
			return -1
		}
		i = int((y - l.plot.y0) / (l.plot.h() / n))
	} else {
		if x < l.plot.x0 || x >= l.plot.x1 || y < l.plot.y0 || y > float64(s.Height) {
			return -1
		}
		i = int((x - l.plot.x0) / (l.plot.w() / n))
	}
	if i < 0 || i >= len(c.Bars) {
		return -1
	}
	return i
}
