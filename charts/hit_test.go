package charts

import "testing"

func TestBarAt(t *testing.T) {
	bc := BarChart{Title: "Children by plan", Bars: []Bar{{"Adoption", 4}, {"SGO", 2}, {"LTF", 9}}}
	s := LightStyle(600, 300)
	for _, horizontal := range []bool{false, true} {
		bc.Horizontal = horizontal
		_, l, err := renderBar(bc, s)
		if err != nil {
			t.Fatal(err)
		}
		for i := range bc.Bars {
			var x, y float64
			if horizontal {
				band := l.plot.h() / 3
				x, y = l.plot.x0+5, l.plot.y0+(float64(i)+0.5)*band
			} else {
				band := l.plot.w() / 3
				x, y = l.plot.x0+(float64(i)+0.5)*band, l.plot.y1-2
			}
			if got := BarAt(bc, s, x, y); got != i {
				t.Errorf("horizontal=%v: bar at the middle of band %d = %d", horizontal, i, got)
			}
		}
		if got := BarAt(bc, s, 1, 1); got != -1 {
			t.Errorf("horizontal=%v: the title is not a bar (got %d)", horizontal, got)
		}
	}
	if got := BarAt(BarChart{Bars: []Bar{{"A", 0}}}, s, 300, 150); got != -1 {
		t.Errorf("a chart with no data has no bars (got %d)", got)
	}
}
