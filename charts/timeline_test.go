package charts

import (
	"fmt"
	"image"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"
)

// teenTimeline is a teenager's case: born 2009, in care from 2024, ten
// milestones within 18 months, as at January 2026.
var teenTimeline = TimelineChart{
	Title: "Child T — milestones",
	Milestones: []Milestone{
		{Label: "Born", Date: day("2009-03-12"), Group: "Care"},
		{Label: "Pre-proceedings start", Date: day("2024-06-03"), Group: "Court"},
		{Label: "Entered care", Date: day("2024-07-19"), Group: "Care"},
		{Label: "Placement start", Date: day("2024-07-19"), Group: "Care"},
		{Label: "Proceedings issued", Date: day("2024-08-01"), Group: "Court"},
		{Label: "Plan confirmed", Date: day("2024-10-10"), Group: "Reviews"},
		{Label: "Second review", Date: day("2025-01-20"), Group: "Reviews"},
		{Label: "Final hearing", Date: day("2025-04-14"), Group: "Court"},
		{Label: "Care order", Date: day("2025-04-14"), Group: "Court"},
		{Label: "LTF panel", Date: day("2025-09-02"), Group: "Long-term fostering"},
		{Label: "LTF ADM", Date: day("2025-10-01"), Group: "Long-term fostering"},
		{Label: "Next panel review", Date: day("2026-03-01"), Group: "Reviews"},
	},
	AsAt: day("2026-01-15"),
}

// babyTimeline is a baby's case, with pre-birth pre-proceedings.
var babyTimeline = TimelineChart{
	Title: "Child B — milestones",
	Milestones: []Milestone{
		{Label: "Pre-proceedings start", Date: day("2023-11-20"), Group: "Court"},
		{Label: "Date of birth", Date: day("2024-01-05"), Group: "Care", Birth: true},
		{Label: "Entered care", Date: day("2024-01-08"), Group: "Care"},
		{Label: "Proceedings issued", Date: day("2024-01-09"), Group: "Court"},
		{Label: "Early permanence", Date: day("2024-02-01"), Group: "Adoption"},
		{Label: "Plan confirmed", Date: day("2024-04-02"), Group: "Reviews"},
		{Label: "ADM decision", Date: day("2024-05-20"), Group: "Adoption"},
		{Label: "Final hearing", Date: day("2024-08-12"), Group: "Court"},
		{Label: "Care order", Date: day("2024-08-12"), Group: "Court"},
		{Label: "Placement order", Date: day("2024-08-12"), Group: "Adoption"},
		{Label: "Matched", Date: day("2024-10-01"), Group: "Adoption"},
		{Label: "Placed for adoption", Date: day("2024-11-04"), Group: "Adoption"},
		{Label: "Adoption application", Date: day("2025-02-03"), Group: "Adoption"},
	},
	AsAt: day("2025-06-30"),
}

// crowdedTimeline is a long case with 30 milestones over three years, in
// bunches a few days apart (a court day's orders, a week of adoption
// steps).
func crowdedTimeline() TimelineChart {
	tc := TimelineChart{Title: "Child C — milestones", AsAt: day("2025-06-30")}
	for _, m := range []struct{ label, date, group string }{
		{"Born", "2016-05-02", "Care"},
		{"Pre-proceedings start", "2022-03-01", "Court"}, {"Pre-proceedings end", "2022-05-30", "Court"},
		{"Entered care", "2022-06-02", "Care"}, {"Placement start", "2022-06-02", "Care"},
		{"Proceedings issued", "2022-06-06", "Court"}, {"Plan confirmed", "2022-09-14", "Reviews"},
		{"Second review", "2022-12-01", "Reviews"}, {"ADM decision", "2022-12-12", "Adoption"},
		{"Final hearing", "2023-02-20", "Court"}, {"Care order", "2023-02-20", "Court"},
		{"Placement order", "2023-02-20", "Adoption"}, {"Early permanence", "2023-03-01", "Adoption"},
		{"Matched", "2023-06-05", "Adoption"}, {"Placed for adoption", "2023-06-19", "Adoption"},
		{"Moved in with adopters (A10)", "2023-06-19", "Adoption"}, {"Next panel review", "2023-07-03", "Reviews"},
		{"Adoption plan ended", "2023-10-02", "Adoption"}, {"Placement order revoked", "2023-11-27", "Adoption"},
		{"LTF panel", "2024-01-15", "Long-term fostering"}, {"LTF ADM", "2024-01-29", "Long-term fostering"},
		{"SGO application", "2024-04-08", "SGO and CAO"}, {"Placement start", "2024-04-15", "Care"},
		{"SGO", "2024-09-16", "SGO and CAO"}, {"Ceased care", "2024-09-16", "Care"},
		{"Child arrangements order", "2024-09-16", "SGO and CAO"}, {"Discharge application", "2024-10-01", "Reunification"},
		{"Care order discharged", "2024-11-11", "Reunification"}, {"Placed with parents", "2024-11-18", "Reunification"},
		{"Second review", "2025-02-03", "Reviews"}, {"Next panel review", "2025-08-04", "Reviews"},
	} {
		tc.Milestones = append(tc.Milestones, Milestone{Label: m.label, Date: day(m.date), Group: m.group})
	}
	return tc
}

// denseTimeline has 31 milestones within six months, two years before the
// as-at date: more than can be labelled at 1366×400.
func denseTimeline() TimelineChart {
	labels := []string{"Pre-proceedings start", "Pre-proceedings end", "Entered care", "Placement start",
		"Proceedings issued", "Plan confirmed", "Second review", "Final hearing", "Care order",
		"Placement order", "ADM decision", "Matched", "Placed for adoption", "Adoption application",
		"Adoption order", "Early permanence", "Moved in with adopters (A10)", "SGO application", "SGO",
		"Child arrangements order", "LTF panel", "LTF ADM", "Placed with parents", "Next panel review"}
	groups := []string{"Court", "Court", "Care", "Care", "Court", "Reviews", "Reviews", "Court", "Court",
		"Adoption", "Adoption", "Adoption", "Adoption", "Adoption", "Adoption", "Adoption", "Adoption",
		"SGO and CAO", "SGO and CAO", "SGO and CAO", "Long-term fostering", "Long-term fostering", "Reunification", "Reviews"}
	tc := TimelineChart{Title: "Child D — milestones", AsAt: day("2025-06-30")}
	tc.Milestones = append(tc.Milestones, Milestone{Label: "Born", Date: day("2016-05-02"), Group: "Care"})
	d := day("2023-03-01")
	for i := range 31 {
		d = d.AddDate(0, 0, []int{0, 2, 9, 1, 30, 0, 4}[i%7])
		tc.Milestones = append(tc.Milestones, Milestone{Label: labels[i%len(labels)], Date: d, Group: groups[i%len(groups)]})
	}
	return tc
}

func TestBirthDetection(t *testing.T) {
	for _, tc := range []struct {
		m    Milestone
		want bool
	}{
		{Milestone{Label: "Born"}, true},
		{Milestone{Label: "Date of birth"}, true},
		{Milestone{Label: " date of BIRTH "}, true},
		{Milestone{Label: "Child's birthday party"}, false},
		{Milestone{Label: "Entered care", Group: "Care"}, false},
		{Milestone{Label: "DOB"}, true},
		{Milestone{Label: "Anything", Birth: true}, true},
		{Milestone{Label: "Anything", Group: "Birth"}, true},
	} {
		if got := tc.m.isBirth(); got != tc.want {
			t.Errorf("%+v: isBirth %v, want %v", tc.m, got, tc.want)
		}
	}
}

// dotColumns is the leftmost and rightmost columns of the axis row drawn
// in one of the palette's colours: the first and last milestone's dots.
func dotColumns(img *image.RGBA, st Style, y int) (int, int) {
	left, right := -1, -1
	for x := 0; x < img.Bounds().Dx(); x++ {
		for _, col := range st.resolved().Palette {
			if near(img.RGBAAt(x, y), col, 4) {
				if left < 0 {
					left = x
				}
				right = x
				break
			}
		}
	}
	return left, right
}

func TestTeenagerAxisStartsNearCare(t *testing.T) {
	for _, st := range []Style{LightStyle(800, 400), LightStyle(1366, 768), DarkStyle(1920, 1080), {Width: 1280, Height: 720, FontScale: 2}} {
		img, l, ps, err := renderTimeline(teenTimeline, st)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("%dx%d", st.Width, st.Height)
		if l.t0.Before(day("2024-01-01")) {
			t.Errorf("%s: axis starts %s, want after 2023 (first care event 3 Jun 2024)", name, l.t0.Format(DateFormat))
		}
		if l.t1.Before(teenTimeline.AsAt) || l.t1.After(day("2026-06-01")) {
			t.Errorf("%s: axis ends %s, want shortly after the last milestone (1 Mar 2026)", name, l.t1.Format(DateFormat))
		}
		// What a user sees: the dots along the axis span at least half
		// the image, and no dot sits at 2009.
		left, right := dotColumns(rgba(t, img), st, int(l.axisY))
		if right-left < st.Width/2 {
			t.Errorf("%s: milestones' dots from x=%d to %d, want at least half the width (%d)", name, left, right, st.Width/2)
		}
		if len(ps) != 11 {
			t.Errorf("%s: %d milestones on the axis, want the 11 after birth", name, len(ps))
		}
		for _, p := range ps {
			if p.m.Label == "Born" {
				t.Errorf("%s: birth (2009) on the axis", name)
			}
		}
		if l.born == nil || l.born.s != "Born 12 Mar 2009" {
			t.Fatalf("%s: birth note %v, want ← Born 12 Mar 2009", name, l.born)
		}
		b := l.born.box
		if ink(rgba(t, img), st.resolved().Background, image.Rect(int(b.x0), int(b.y0), int(b.x1), int(b.y1))) < 50 {
			t.Errorf("%s: no ink where the birth note is (%v)", name, b)
		}
		if b.x0 > 2*l.plot.x0 {
			t.Errorf("%s: birth note at x=%.0f, want it at the left edge", name, b.x0)
		}
	}
}

func TestBirthOnAxisWhenItFits(t *testing.T) {
	toddler := TimelineChart{AsAt: day("2025-06-30"), Milestones: []Milestone{
		{Label: "Born", Date: day("2022-10-01"), Group: "Care"},
		{Label: "Entered care", Date: day("2023-01-10"), Group: "Care"},
		{Label: "Care order", Date: day("2024-02-01"), Group: "Court"},
	}}
	onlyBirth := TimelineChart{Milestones: []Milestone{{Label: "Born", Date: day("2025-01-01")}}}
	for _, tc := range []struct {
		name  string
		chart TimelineChart
		birth string
	}{
		{"baby born after pre-proceedings", babyTimeline, "2024-01-05"},
		{"toddler, born 3 months before care", toddler, "2022-10-01"},
		{"only a birth", onlyBirth, "2025-01-01"},
	} {
		_, l, ps, err := renderTimeline(tc.chart, LightStyle(1366, 500))
		if err != nil {
			t.Fatal(err)
		}
		if l.born != nil {
			t.Errorf("%s: birth note %q, want the birth on the axis", tc.name, l.born.s)
		}
		found := false
		for _, p := range ps {
			if p.m.isBirth() {
				found = true
				if !p.m.Date.Equal(day(tc.birth)) || p.num != 0 || p.x <= l.plot.x0 {
					t.Errorf("%s: birth %s at x=%.0f (plot from %.0f), number %d; want it labelled inside the axis", tc.name, p.m.Date.Format(DateFormat), p.x, l.plot.x0, p.num)
				}
			}
		}
		if !found {
			t.Errorf("%s: no birth on the axis", tc.name)
		}
	}
}

// checkLayout checks what a user would: no two pieces of text overlap,
// none leaves the image, each label or marker covers its milestone and
// keeps clear of the axis, and every numbered milestone is in the list
// (or counted in "+ N more").
func checkLayout(t *testing.T, name string, st Style, l *timeLayout, ps []placed) {
	t.Helper()
	ts := l.texts(ps)
	w, h := float64(st.Width), float64(st.Height)
	for i, a := range ts {
		if a.box.x0 < 0 || a.box.y0 < 0 || a.box.x1 > w || a.box.y1 > h || a.box.w() <= 0 || a.box.h() <= 0 {
			t.Errorf("%s: %q at %v is not inside the %gx%g image", name, a.s, a.box, w, h)
		}
		for _, b := range ts[i+1:] {
			if a.box.x0 < b.box.x1 && b.box.x0 < a.box.x1 && a.box.y0 < b.box.y1 && b.box.y0 < a.box.y1 {
				t.Errorf("%s: %q %v and %q %v overlap", name, a.s, a.box, b.s, b.box)
			}
		}
	}
	listed := len(l.list)
	if l.more != nil {
		var n int
		if _, err := fmt.Sscanf(l.more.s, "+ %d more", &n); err != nil {
			t.Errorf("%s: %q: %v", name, l.more.s, err)
		}
		listed += n
	}
	numbered := 0
	for _, p := range ps {
		if p.num > 0 {
			numbered++
		}
		if p.marker >= 0 {
			if b := ps[p.marker].box; p.x < b.x0 || p.x > b.x1 {
				t.Errorf("%s: %q's marker %q at %v is not over it at x=%.0f", name, p.lab, ps[p.marker].tag, b, p.x)
			}
		}
		if p.box == (rect{}) {
			continue
		}
		if p.x < p.box.x0 || p.x > p.box.x1 {
			t.Errorf("%s: %q at %v is not over its milestone at x=%.0f", name, p.lab, p.box, p.x)
		}
		dot := l.plot.x0 / 2 // the dots' radius, about: the margin is 0.9 em, a dot 0.42 em
		if p.box.y0 < l.axisY+dot && p.box.y1 > l.axisY-dot {
			t.Errorf("%s: %q at %v covers the axis at y=%.0f", name, p.lab, p.box, l.axisY)
		}
		if p.num == 0 && p.lab != p.m.Label {
			t.Errorf("%s: label %q shortened from %q", name, p.lab, p.m.Label)
		}
	}
	if listed != numbered {
		t.Errorf("%s: %d milestones numbered, %d in the list", name, numbered, listed)
	}
}

var someLabels = []string{"Born", "Entered care", "Ceased care", "Placement start", "Plan confirmed", "Second review",
	"Next panel review", "LTF panel", "LTF ADM", "Pre-proceedings start", "Pre-proceedings end",
	"Proceedings issued", "Final hearing", "Care order", "Placement order", "ADM decision", "Matched",
	"Placed for adoption", "Adoption application", "Adoption order", "Early permanence",
	"Adoption plan ended", "Placement order revoked", "Moved in with adopters (A10)", "SGO application",
	"SGO", "Child arrangements order", "Placed with parents", "Discharge application",
	"Care order discharged", "A", "Review of the placement with the paternal grandparents under regulation 24"}

// randomTimeline is n milestones of a child's case over a random span,
// some of them on the same day or within days of each other.
func randomTimeline(r *rand.Rand) TimelineChart {
	tc := TimelineChart{}
	start := day("2010-01-01").AddDate(0, 0, r.IntN(5000))
	spanDays := []int{7, 60, 400, 800, 2000, 7000}[r.IntN(6)]
	n := 1 + r.IntN(40)
	d := start
	for range n {
		switch r.IntN(4) {
		case 0: // the same day
		case 1:
			d = d.AddDate(0, 0, r.IntN(5))
		default:
			d = start.AddDate(0, 0, r.IntN(spanDays))
		}
		tc.Milestones = append(tc.Milestones, Milestone{Label: someLabels[r.IntN(len(someLabels))], Date: d,
			Group: []string{"", "Care", "Court", "Adoption", "Reviews"}[r.IntN(5)]})
	}
	if r.IntN(2) == 0 {
		tc.Milestones = append(tc.Milestones, Milestone{Label: "Born", Date: start.AddDate(0, 0, -r.IntN(6000)), Group: "Care"})
	}
	if r.IntN(3) > 0 {
		tc.AsAt = start.AddDate(0, 0, r.IntN(spanDays+200)-100)
	}
	if r.IntN(4) == 0 {
		tc.Title = "Child R — milestones"
	}
	return tc
}

func TestTimelineLabelsNeverOverlapProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(20251128, 1))
	runs := 300
	if testing.Short() {
		runs = 60
	}
	fixed := [][2]int{{800, 400}, {1920, 1080}, {1366, 400}, {800, 1080}, {1920, 400}}
	numbered, unmarked, total := 0, 0, 0
	for i := range runs {
		tc := randomTimeline(r)
		wh := [2]int{800 + r.IntN(1121), 400 + r.IntN(681)}
		if i < 5*len(fixed) {
			wh = fixed[i%len(fixed)]
		}
		st := LightStyle(wh[0], wh[1])
		st.FontScale = []float64{1, 1, 1, 1.5, 2}[r.IntN(5)]
		_, l, ps, err := renderTimeline(tc, st)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("run %d, %d milestones, %dx%d, font %g", i, len(tc.Milestones), wh[0], wh[1], st.FontScale)
		checkLayout(t, name, st, l, ps)
		for _, p := range ps {
			total++
			if p.num > 0 {
				numbered++
				if p.marker < 0 {
					unmarked++
					// At the normal font size there is always room for a
					// marker; twice as big on 800×400, not quite always.
					if st.FontScale == 1 {
						t.Errorf("%s: %q numbered %d has no marker", name, p.lab, p.num)
					}
				}
			}
		}
	}
	t.Logf("%d milestones: %d numbered, %d of those without a marker", total, numbered, unmarked)
}

func TestTimelineExamplesLayout(t *testing.T) {
	for _, tc := range []struct {
		name  string
		chart TimelineChart
		st    Style
	}{
		{"teenager", teenTimeline, LightStyle(1366, 500)},
		{"baby", babyTimeline, LightStyle(1366, 500)},
		{"crowded", crowdedTimeline(), LightStyle(1366, 400)},
		{"crowded small", crowdedTimeline(), DarkStyle(800, 400)},
		{"crowded big", crowdedTimeline(), LightStyle(1920, 1080)},
		{"dense", denseTimeline(), LightStyle(1366, 400)},
		{"dense big", denseTimeline(), DarkStyle(1920, 1080)},
		{"child A", childTimeline, LightStyle(960, 540)},
	} {
		_, l, ps, err := renderTimeline(tc.chart, tc.st)
		if err != nil {
			t.Fatal(err)
		}
		checkLayout(t, tc.name, tc.st, l, ps)
	}
	// The dense one at 1366×400 cannot label all 31: some are numbered,
	// with a marker on the chart and an entry in the list under it.
	_, l, ps, _ := renderTimeline(denseTimeline(), LightStyle(1366, 400))
	n := 0
	for _, p := range ps {
		if p.num > 0 {
			n++
		}
	}
	if n == 0 || len(l.list) == 0 {
		t.Errorf("dense 1366x400: %d numbered milestones, %d listed; want some of each", n, len(l.list))
	}
	if l.list[0].box.y0 < l.plot.y1 {
		t.Errorf("list at y=%.0f, want it under the plot (ends %.0f)", l.list[0].box.y0, l.plot.y1)
	}
}

// TestTimelineSamples writes example timelines to look at:
// go test ./charts -run TestTimelineSamples -samples /tmp/timeline-check
func TestTimelineSamples(t *testing.T) {
	if *samplesDir == "" {
		t.Skip("-samples not set")
	}
	for name, f := range map[string]func() (image.Image, error){
		"teenager_1366x500": func() (image.Image, error) { return RenderTimeline(teenTimeline, LightStyle(1366, 500)) },
		"teenager_800x400":  func() (image.Image, error) { return RenderTimeline(teenTimeline, LightStyle(800, 400)) },
		"baby_1366x500":     func() (image.Image, error) { return RenderTimeline(babyTimeline, LightStyle(1366, 500)) },
		"crowded_1366x400":  func() (image.Image, error) { return RenderTimeline(crowdedTimeline(), LightStyle(1366, 400)) },
		"crowded_1920x1080": func() (image.Image, error) { return RenderTimeline(crowdedTimeline(), DarkStyle(1920, 1080)) },
		"crowded_800x400":   func() (image.Image, error) { return RenderTimeline(crowdedTimeline(), LightStyle(800, 400)) },
		"dense_1366x400":    func() (image.Image, error) { return RenderTimeline(denseTimeline(), LightStyle(1366, 400)) },
		"dense_1920x1080":   func() (image.Image, error) { return RenderTimeline(denseTimeline(), DarkStyle(1920, 1080)) },
		"childA_960x540":    func() (image.Image, error) { return RenderTimeline(childTimeline, LightStyle(960, 540)) },
	} {
		writePNG(t, filepath.Join(*samplesDir, name+".png"), must(f()))
	}
}

func BenchmarkRenderTimelineTeenager1920x1080(b *testing.B) {
	benchmark(b, timelineOf(teenTimeline))
}

func BenchmarkRenderTimelineCrowded1920x1080(b *testing.B) {
	benchmark(b, timelineOf(crowdedTimeline()))
}

func BenchmarkRenderTimelineDense1920x1080(b *testing.B) {
	benchmark(b, timelineOf(denseTimeline()))
}

// BenchmarkRenderTimeline40Milestones1920x1080 is 40 milestones within
// two months at 1920×1080: the most the layout has to place.
func BenchmarkRenderTimeline40Milestones1920x1080(b *testing.B) {
	tc := TimelineChart{AsAt: day("2025-06-30")}
	for i := range 40 {
		tc.Milestones = append(tc.Milestones, Milestone{Label: someLabels[i%len(someLabels)],
			Date: day("2025-01-01").Add(time.Duration(i%13) * 5 * 24 * time.Hour), Group: "Court"})
	}
	benchmark(b, timelineOf(tc))
}
