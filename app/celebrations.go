package app

import (
	"image"
	"permanence/data/export"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/charts"
	"permanence/data"
)

// successWords are how the screen names each success of
// data.SuccessKinds (the five that celebrations.total adds up): a tile's
// caption and a card's verb.
var successWords = map[data.Key][2]string{
	data.KeyAdoptionOrders:       {"Adoption orders", "Adopted"},
	data.KeySGOOrders:            {"Special guardianship orders", "Special guardianship"},
	data.KeyCAOOrders:            {"Child arrangements orders", "Arrangements order"},
	data.KeyCareOrdersDischarged: {"Home: care orders discharged", "Home with family"},
	data.KeyLTFMatchesRatified:   {"Long-term fostering matches ratified", "LTF match ratified"},
}

// celebrationsScreen: the period's successes, big, with a chart against
// previous quarters and a card per child (initials only).
type celebrationsScreen struct {
	u     host
	obj   fyne.CanvasObject
	total *canvas.Text
	sub   *widget.Label
	tiles []*tile
	court *tile // a court milestone shown apart: not part of the total
	chart *chartView
	cards *fyne.Container
	more  *widget.Label
}

const maxCards = 48

func newCelebrationsScreen(u host) *celebrationsScreen {
	s := &celebrationsScreen{u: u}
	s.total = canvas.NewText("–", theme.Color(theme.ColorNameSuccess))
	s.total.TextSize = theme.TextSize() * 5
	s.total.TextStyle.Bold = true
	s.sub = widget.NewLabel("")
	s.sub.Wrapping = fyne.TextWrapWord
	totalBox := newTapBox(container.NewVBox(s.total, s.sub), func() {
		u.drillDown("This period's successes", data.KeyCelebrations)
	})
	var tiles []fyne.CanvasObject
	for _, k := range data.SuccessKinds {
		label := successWords[k.Key][0]
		t := newTile(label, func() { u.drillDown(label, k.Key) })
		t.colorName = theme.ColorNameSuccess
		s.tiles = append(s.tiles, t)
		tiles = append(tiles, t)
	}
	s.court = newTile("Proceedings finished within the time limit", func() {
		u.drillDown("Final hearings within the time limit", data.KeyFinalHearingsWithin26Weeks)
	})
	s.chart = newChartView(280)
	s.chart.colorName = theme.ColorNameSuccess
	u.exportableChart(s.chart, "Successes by quarter", s.quarterList)
	s.cards = container.NewGridWrap(fyne.NewSize(250, 96))
	s.more = note("")
	body := container.NewVBox(
		heading("Celebrations"),
		totalBox,
		newGrid(5, 150, tiles...),
		section("Successes by quarter", s.chart),
		section("Also worth celebrating (not part of the total)", newGrid(5, 150, s.court)),
		sectionWith("This period's children", u.listButton(s.cardList),
			note("Cards show initials. A card opens the child's timeline, which shows their name unless Hide names is on."),
			s.cards, s.more),
	)
	s.obj = container.NewVScroll(container.NewPadded(body))
	return s
}

func (s *celebrationsScreen) name() string              { return "celebrations" }
func (s *celebrationsScreen) title() string             { return "Celebrations" }
func (s *celebrationsScreen) icon() fyne.Resource       { return theme.ConfirmIcon() }
func (s *celebrationsScreen) object() fyne.CanvasObject { return s.obj }

func (s *celebrationsScreen) update(snap *snapshot) {
	m := snap.m
	s.total.Text = thousands(m.Count(data.KeyCelebrations))
	s.total.Color = theme.Color(theme.ColorNameSuccess)
	s.total.Refresh()
	s.sub.SetText("successes for children from " + snap.periodText() +
		": adoptions, special guardianship and child arrangements orders, children home with family and long-term fostering matches.")
	for i, k := range data.SuccessKinds {
		s.tiles[i].set(m.Count(k.Key), "")
	}
	lim := limitText(m.Thresholds)
	s.court.caption.SetText("Proceedings finished within " + lim)
	s.court.set(m.Count(data.KeyFinalHearingsWithin26Weeks), "final hearings within "+lim+" of issue; not counted in the total above")
	bc := successChart(snap)
	s.chart.set(func(st charts.Style) (image.Image, error) { return charts.RenderBar(bc, st) })

	cards := successCards(snap)
	s.cards.Objects = s.cards.Objects[:0]
	for i, c := range cards {
		if i == maxCards {
			break
		}
		c := c
		s.cards.Add(newSuccessCard(c, func() { s.u.openChild(c.child) }))
	}
	s.cards.Refresh()
	if len(cards) > maxCards {
		s.more.SetText("and " + plural(len(cards)-maxCards, "more success", "more successes") + "; click the numbers above to see every child.")
	} else {
		s.more.SetText("")
	}
}

// quarterList is the successes in each trend quarter, by kind.
func (s *celebrationsScreen) quarterList() shownList {
	l := shownList{name: "Successes by quarter"}
	l.cols = append(l.cols, export.ListColumn{Heading: "Quarter"})
	for _, k := range data.SuccessKinds {
		l.cols = append(l.cols, export.ListColumn{Heading: successWords[k.Key][0]})
	}
	l.cols = append(l.cols, export.ListColumn{Heading: "Total"})
	if s.u.snapshot() != nil {
		for _, q := range s.u.snapshot().quarters {
			row := []any{q.Text()}
			for _, n := range q.Counts {
				row = append(row, n)
			}
			l.rows = append(l.rows, append(row, q.Total()))
		}
	}
	return l
}

// cardList is every success of the period (not only the cards shown), by
// initials only as on the cards.
func (s *celebrationsScreen) cardList() shownList {
	l := shownList{name: "Successes this period", children: true,
		cols: []export.ListColumn{{Heading: "Child (initials)"}, {Heading: "Success"}, {Heading: "Date", Date: true}}}
	if s.u.snapshot() != nil {
		for _, c := range successCards(s.u.snapshot()) {
			l.rows = append(l.rows, []any{c.who, c.what, c.when})
		}
	}
	return l
}

// successChart is the successes in each trend quarter.
func successChart(snap *snapshot) charts.BarChart {
	bars := make([]charts.Bar, len(snap.quarters))
	for i, q := range snap.quarters {
		bars[i] = charts.Bar{Label: q.Quarter.Name, Value: float64(q.Total())}
	}
	title := "Adoptions, SGOs, CAOs, children home and LTF matches by quarter"
	if n := len(snap.quarters); n > 0 && snap.quarters[n-1].Partial {
		// The last bar is a part quarter: say so, so it is not read as a fall.
		title += " (" + snap.quarters[n-1].Text() + ")"
	}
	return charts.BarChart{Title: title, YLabel: "Children", Bars: bars, ValueLabels: true}
}

// successCard is one child's success.
type successCard struct {
	child int
	who   string
	what  string
	when  data.Date
}

// successCards lists each child's successes in the period, newest first.
func successCards(snap *snapshot) []successCard {
	var out []successCard
	for _, k := range data.SuccessKinds {
		for _, i := range snap.members(k.Key) {
			c := snap.child(i)
			out = append(out, successCard{child: i, who: c.Initials(), what: successWords[k.Key][1], when: k.Date(c)})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].when > out[b].when })
	return out
}

func newSuccessCard(c successCard, onTap func()) fyne.CanvasObject {
	bg := canvas.NewRectangle(themeColor(colorNameTile))
	bg.CornerRadius = theme.InputRadiusSize() * 2
	who := canvas.NewText(c.who, theme.Color(theme.ColorNameSuccess))
	who.TextSize = theme.TextSize() * 1.8
	who.TextStyle.Bold = true
	what := widget.NewLabel(c.what)
	what.Truncation = fyne.TextTruncateEllipsis
	when := widget.NewLabel(ukDate(c.when))
	when.TextStyle.Italic = true
	body := container.NewBorder(nil, nil, container.NewCenter(who), nil, container.NewVBox(what, when))
	return newTapBox(container.NewStack(bg, container.NewPadded(body)), onTap)
}

// tapBox makes any content clickable.
type tapBox struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
}

func newTapBox(content fyne.CanvasObject, onTap func()) *tapBox {
	b := &tapBox{content: content, onTap: onTap}
	b.ExtendBaseWidget(b)
	return b
}

func (b *tapBox) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(b.content) }

// Tapped runs the box's action.
func (b *tapBox) Tapped(*fyne.PointEvent) {
	if b.onTap != nil {
		b.onTap()
	}
}

// Cursor says the box can be clicked.
func (b *tapBox) Cursor() desktop.Cursor { return desktop.PointerCursor }
