package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// The presentation's slide of the changes since the last panel: each count
// of the Changes screen as a big number, for the dates that screen shows.

// slideCount is a big number on a slide and what it counts.
type slideCount struct {
	label string
	n     int
}

// changesSlideTitle is the slide's title.
const changesSlideTitle = "Changes since the last panel"

// changesSlide is the slide of the changes between the Changes screen's
// dates, for the children the filters show.
func changesSlide(u *ui) slide {
	return slide{section: "Changes", title: changesSlideTitle,
		headline: func(s *snapshot) string { return u.changes.slideHeadline(s) },
		counts:   func(s *snapshot) []slideCount { return u.changes.slideCounts(s) }}
}

// slideHeadline says the dates compared and where they come from.
func (s *changesScreen) slideHeadline(snap *snapshot) string {
	ch := s.forSnapshot(snap)
	if ch == nil {
		if s.loading {
			return "Working out what changed…"
		}
		return s.aboutText()
	}
	return s.whichDates() + ": after " + ukDate(ch.From) + ", up to and including " + ukDate(ch.To)
}

// slideCounts are the counts of the changes for a snapshot, nil while
// they are worked out.
func (s *changesScreen) slideCounts(snap *snapshot) []slideCount {
	ch := s.forSnapshot(snap)
	if ch == nil {
		return nil
	}
	counts := map[string]int{}
	for _, c := range ch.Categories() {
		counts[c.Key] = c.Count
	}
	out := make([]slideCount, len(changeCategories))
	for i, c := range changeCategories {
		out[i] = slideCount{label: c.caption, n: counts[c.key]}
	}
	return out
}

// bigNumbers are a slide's counts: a grid of big numbers, each over its
// words, sized to the space the slide gives them.
type bigNumbers struct {
	obj     *fyne.Container
	numbers []*canvas.Text
	labels  []*canvas.Text
}

func newBigNumbers() *bigNumbers {
	b := &bigNumbers{}
	b.obj = &fyne.Container{Layout: &bigNumbersLayout{b: b}}
	b.obj.Hide()
	return b
}

// set shows counts, in the theme's colours.
func (b *bigNumbers) set(counts []slideCount) {
	b.numbers, b.labels = b.numbers[:0], b.labels[:0]
	b.obj.Objects = b.obj.Objects[:0]
	for _, c := range counts {
		n := canvas.NewText(thousands(c.n), theme.Color(theme.ColorNamePrimary))
		n.TextStyle.Bold = true
		n.Alignment = fyne.TextAlignCenter
		l := canvas.NewText(c.label, theme.Color(theme.ColorNameForeground))
		l.Alignment = fyne.TextAlignCenter
		b.numbers, b.labels = append(b.numbers, n), append(b.labels, l)
		b.obj.Objects = append(b.obj.Objects, n, l)
	}
	b.obj.Refresh()
}

// bigNumbersLayout puts the counts in rows of up to five, each number a
// little under half its cell's height, its words below.
type bigNumbersLayout struct{ b *bigNumbers }

func (l *bigNumbersLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(100, 100) }

func (l *bigNumbersLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	b := l.b
	n := len(b.numbers)
	if n == 0 {
		return
	}
	cols := min(n, 5)
	rows := (n + cols - 1) / cols
	cw, chh := size.Width/float32(cols), size.Height/float32(rows)
	numSize := min(chh*0.45, cw*0.4)
	labelSize := min(chh*0.1, numSize*0.35)
	for i := range b.labels {
		// Every label the same size: the longest that fits its cell.
		for labelSize > 8 && fyne.MeasureText(b.labels[i].Text, labelSize, b.labels[i].TextStyle).Width > cw*0.94 {
			labelSize *= 0.92
		}
	}
	for i := range b.numbers {
		x, y := float32(i%cols)*cw, float32(i/cols)*chh
		num, lab := b.numbers[i], b.labels[i]
		num.TextSize, lab.TextSize = numSize, labelSize
		nh := fyne.MeasureText(num.Text, numSize, num.TextStyle).Height
		lh := fyne.MeasureText(lab.Text, labelSize, lab.TextStyle).Height
		top := y + (chh-nh-lh)/2
		num.Move(fyne.NewPos(x, top))
		num.Resize(fyne.NewSize(cw, nh))
		lab.Move(fyne.NewPos(x, top+nh))
		lab.Resize(fyne.NewSize(cw, lh))
	}
}

// withChangesSlide puts the changes slide: before the
// celebrations, which end the presentation.
func withChangesSlide(slides []slide, u *ui) []slide {
	last := len(slides) - 1
	out := append([]slide(nil), slides[:last]...)
	return append(append(out, changesSlide(u)), slides[last])
}
