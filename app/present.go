package app

import (
	"fmt"
	"image"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"permanence/charts"
	"permanence/data"
)

// autoAdvance is how long a slide stays up when auto-advance is on.
const autoAdvance = 20 * time.Second

// presentation is full-screen presentation mode for the panel's shared
// screen: one chart per slide, large type sized to the screen, names
// hidden by default, driven by the keyboard or a presentation clicker.
type presentation struct {
	u        *ui
	obj      *fyne.Container
	bg       *canvas.Rectangle
	section  *canvas.Text
	title    *canvas.Text
	headline *canvas.Text
	chart    *chartView
	numbers  *bigNumbers // a slide's counts, in the chart's place
	footer   *canvas.Text

	slides    []slide
	index     int
	on        bool
	auto      bool
	stopAuto  func()
	prev      fyne.CanvasObject
	prevFull  bool
	prevKeyFn func(*fyne.KeyEvent)
}

// slide is one chart with its words.
type slide struct {
	section   string
	title     string
	headline  func(s *snapshot) string
	chart     func(s *snapshot) func(charts.Style) (image.Image, error)
	byQuarter bool // the chart runs by quarter (its last may be part-finished)
	// counts, when set, are big numbers shown instead of a chart.
	counts func(s *snapshot) []slideCount
}

func newPresentation(u *ui) *presentation {
	p := &presentation{u: u}
	fg := theme.Color(theme.ColorNameForeground)
	p.bg = canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	p.section = canvas.NewText("", theme.Color(theme.ColorNamePrimary))
	p.section.TextStyle.Bold = true
	p.title = canvas.NewText("", fg)
	p.title.TextStyle.Bold = true
	p.headline = canvas.NewText("", fg)
	p.footer = canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
	p.chart = newChartView(100)
	p.chart.onTap = func(x, _ float32) {
		if x < 0.2 {
			p.prevSlide()
		} else {
			p.next()
		}
	}
	p.numbers = newBigNumbers()
	p.obj = &fyne.Container{Layout: &presentLayout{p: p}, Objects: []fyne.CanvasObject{p.bg, p.section, p.title, p.headline, p.chart, p.footer, p.numbers.obj}}
	p.slides = withChangesSlide(presentationSlides(), u)
	return p
}

func presentationSlides() []slide {
	bar := func(f func(s *snapshot) charts.BarChart) func(s *snapshot) func(charts.Style) (image.Image, error) {
		return func(s *snapshot) func(charts.Style) (image.Image, error) {
			bc := f(s)
			bc.Title = ""
			return func(st charts.Style) (image.Image, error) { return charts.RenderBar(bc, st) }
		}
	}
	line := func(f func(s *snapshot) charts.LineChart) func(s *snapshot) func(charts.Style) (image.Image, error) {
		return func(s *snapshot) func(charts.Style) (image.Image, error) {
			lc := f(s)
			lc.Title = ""
			return func(st charts.Style) (image.Image, error) { return charts.RenderLine(lc, st) }
		}
	}
	categoryChart := func(cats []category, horizontal bool) charts.BarChart {
		bars := make([]charts.Bar, len(cats))
		for i, c := range cats {
			bars[i] = charts.Bar{Label: c.label, Value: float64(len(c.members))}
		}
		return charts.BarChart{YLabel: "Children", Bars: bars, Horizontal: horizontal, ValueLabels: true}
	}
	return []slide{
		{"Overview", "Children in care by permanence plan",
			func(s *snapshot) string {
				m := s.m
				t := fmt.Sprintf("%s children in care · %s in proceedings, %s past %s · %s active adoption plans",
					thousands(m.Count(data.KeyInCare)), thousands(m.Count(data.KeyProceedings)),
					thousands(m.Count(data.KeyProceedingsOver26Weeks)), limitText(m.Thresholds), thousands(m.Count(data.KeyAdoptionActive)))
				// The rate beside England's, once the population is set (a
				// prompt to set it would crowd the slide's one line).
				if v, ok := m.Number(data.KeyInCarePer10000); ok {
					if c := benchmarkCaption(s, data.KeyInCarePer10000); c != "" {
						t += fmt.Sprintf(" · %.0f per 10,000 · %s", v, c)
					}
				}
				return t
			},
			bar(func(s *snapshot) charts.BarChart { return categoryChart(planCategories(s), true) }), false, nil},
		{"Court", "Median weeks from issue to final hearing",
			func(s *snapshot) string {
				m := s.m
				t := fmt.Sprintf("%s final hearings this period, %s within %s", thousands(m.Count(data.KeyFinalHearings)),
					thousands(m.Count(data.KeyFinalHearingsWithin26Weeks)), limitText(m.Thresholds))
				if v, ok := m.Number(data.KeyFinalHearingsMedianWeeks); ok {
					t += fmt.Sprintf(" · median %.1f weeks", v)
				}
				if c := benchmarkCaption(s, data.KeyFinalHearingsMedianWeeks); c != "" {
					t += " · " + c
				}
				return t
			},
			line(func(s *snapshot) charts.LineChart { return finalHearingTrend(s.m).weeksChart() }), true, nil},
		{"Court", "Final hearings within the proceedings limit",
			func(s *snapshot) string {
				t := fmt.Sprintf("%s children in proceedings now · %s past %s · %s in pre-proceedings",
					thousands(s.m.Count(data.KeyProceedings)), thousands(s.m.Count(data.KeyProceedingsOver26Weeks)), limitText(s.m.Thresholds),
					thousands(s.m.Count(data.KeyPreProceedings)))
				if c := benchmarkCaption(s, data.KeyFinalHearingsWithin26Weeks); c != "" {
					t += " · " + c
				}
				return t
			},
			bar(func(s *snapshot) charts.BarChart { return finalHearingTrend(s.m).withinChart() }), true, nil},
		{"Adoption", "The adoption journey: where children are now",
			func(s *snapshot) string {
				m := s.m
				t := thousands(m.Count(data.KeyAdoptionActive)) + " active adoption plans · " + thousands(m.Count(data.KeyAdoptionOrders)) + " adoption orders this period"
				if v, ok := m.Number(data.KeyA1MeanDays); ok {
					t += fmt.Sprintf(" · A1 %.0f days (threshold %d)", v, m.Thresholds.A1Days)
				}
				if v, ok := m.Number(data.KeyA2MeanDays); ok {
					t += fmt.Sprintf(" · A2 %.0f days (threshold %d)", v, m.Thresholds.A2Days)
				}
				return t
			},
			bar(func(s *snapshot) charts.BarChart { return categoryChart(adoptionJourney(s), false) }), false, nil},
		{"Celebrations", "Successes by quarter",
			func(s *snapshot) string {
				m := s.m
				return fmt.Sprintf("%s successes this period: %s adopted · %s SGOs · %s CAOs · %s home · %s LTF matches",
					thousands(m.Count(data.KeyCelebrations)), thousands(m.Count(data.KeyAdoptionOrders)), thousands(m.Count(data.KeySGOOrders)),
					thousands(m.Count(data.KeyCAOOrders)), thousands(m.Count(data.KeyCareOrdersDischarged)), thousands(m.Count(data.KeyLTFMatchesRatified)))
			},
			bar(successChart), false, nil}, // its chart's title says "so far" itself
	}
}

func (p *presentation) active() bool { return p.on }

// open starts presentation mode (or moves to slide i when it is on).
func (p *presentation) open(i int) {
	u := p.u
	if u.snap == nil {
		return
	}
	if !p.on {
		p.on = true
		p.prev = u.win.Content()
		p.prevFull = u.win.FullScreen()
		p.prevKeyFn = u.win.Canvas().OnTypedKey()
		if u.drill != nil {
			u.drill.Hide()
			u.drill = nil
		}
		u.setHideNames(true)
		u.win.SetContent(p.obj)
		u.win.SetFullScreen(true)
		u.win.Canvas().SetOnTypedKey(p.typedKey)
		// Some window systems report the full-screen size late: lay the
		// slide out again once they have.
		for _, d := range []time.Duration{200 * time.Millisecond, 800 * time.Millisecond} {
			u.bridge.after(d, func() {
				if p.on {
					p.obj.Refresh()
				}
			})
		}
	}
	p.show(i)
}

// close leaves presentation mode and puts everything back.
func (p *presentation) close() {
	if !p.on {
		return
	}
	u := p.u
	p.on = false
	p.setAuto(false)
	u.win.Canvas().SetOnTypedKey(p.prevKeyFn)
	u.win.SetFullScreen(p.prevFull)
	u.win.SetContent(p.prev)
	// The shared screen is still showing: names stay hidden until someone
	// shows them again.
	u.setHideNames(true)
}

func (p *presentation) next()      { p.show(p.index + 1) }
func (p *presentation) prevSlide() { p.show(p.index - 1) }

// show puts slide i (wrapping round) on the screen.
func (p *presentation) show(i int) {
	n := len(p.slides)
	p.index = ((i % n) + n) % n
	p.update(p.u.snap)
}

// update draws the current slide from a snapshot.
func (p *presentation) update(s *snapshot) {
	if s == nil {
		return
	}
	sl := p.slides[p.index]
	p.bg.FillColor = theme.Color(theme.ColorNameBackground)
	p.section.Text = sl.section + " · as at " + ukDate(s.view.asAt)
	if s.authority != "" {
		p.section.Text = s.authority + " · " + p.section.Text
	}
	if f := filterText(s.view); f != "" {
		p.section.Text += " · children shown: " + f
	}
	p.title.Text = sl.title
	if q := s.m.Quarters; sl.byQuarter && len(q) > 0 && s.m.AsOf < q[len(q)-1].End {
		// The last bar or point is a part quarter: say so, or it reads as a fall.
		p.title.Text += " (" + quarterLabel(q[len(q)-1], s.m.AsOf) + ")"
	}
	p.headline.Text = sl.headline(s)
	auto := "off"
	if p.auto {
		auto = "on"
	}
	p.footer.Text = fmt.Sprintf("Slide %d of %d · ← → or Page Up/Down to move · A: auto-advance %s · Esc to leave · names hidden",
		p.index+1, len(p.slides), auto)
	if !p.u.hideNames {
		p.footer.Text = p.footer.Text[:len(p.footer.Text)-len(" · names hidden")] + " · names shown"
	}
	p.chart.colorName = ""
	if sl.section == "Celebrations" {
		p.chart.colorName = theme.ColorNameSuccess
	}
	if sl.counts != nil {
		// The numbers over a blank chart, which still takes the clicks.
		p.chart.set(nil)
		p.numbers.set(sl.counts(s))
		p.numbers.obj.Show()
	} else {
		p.numbers.obj.Hide()
		p.chart.set(sl.chart(s))
	}
	p.obj.Refresh()
}

// setAuto turns auto-advance on or off.
func (p *presentation) setAuto(on bool) {
	if p.stopAuto != nil {
		p.stopAuto()
		p.stopAuto = nil
	}
	p.auto = on
	if on {
		p.stopAuto = p.u.bridge.ticker(autoAdvance, p.next)
	}
	if p.on {
		p.update(p.u.snap)
	}
}

// typedKey is the keyboard (and presentation clicker) in presentation mode.
func (p *presentation) typedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyRight, fyne.KeyDown, fyne.KeySpace, fyne.KeyPageDown, fyne.KeyReturn, fyne.KeyEnter:
		p.next()
	case fyne.KeyLeft, fyne.KeyUp, fyne.KeyPageUp, fyne.KeyBackspace:
		p.prevSlide()
	case fyne.KeyHome:
		p.show(0)
	case fyne.KeyEnd:
		p.show(len(p.slides) - 1)
	case fyne.KeyEscape:
		p.close()
	case fyne.KeyA:
		p.setAuto(!p.auto)
	}
}

// presentLayout sizes the type to the screen: the title is a sixteenth of
// the screen's height, and the chart takes the rest with its text scaled up.
type presentLayout struct{ p *presentation }

func (l *presentLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(640, 400) }

func (l *presentLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	p := l.p
	h, w := size.Height, size.Width
	pad := h / 30
	p.bg.Resize(size)
	p.bg.Move(fyne.NewPos(0, 0))
	p.section.TextSize = h / 40
	p.title.TextSize = h / 16
	p.headline.TextSize = h / 34
	p.footer.TextSize = h / 60
	// Long headlines shrink to fit the width.
	for _, t := range []*canvas.Text{p.title, p.headline, p.section} {
		for t.TextSize > 8 && fyne.MeasureText(t.Text, t.TextSize, t.TextStyle).Width > w-2*pad {
			t.TextSize *= 0.92
		}
	}
	y := pad
	place := func(t *canvas.Text) {
		sz := fyne.MeasureText(t.Text, t.TextSize, t.TextStyle)
		t.Move(fyne.NewPos(pad, y))
		t.Resize(fyne.NewSize(w-2*pad, sz.Height))
		y += sz.Height + pad/3
	}
	place(p.section)
	place(p.title)
	place(p.headline)
	fh := fyne.MeasureText("Slide", p.footer.TextSize, p.footer.TextStyle).Height
	chartH := h - y - fh - 2*pad
	p.chart.fontScale = float64(h) / 540
	p.chart.Move(fyne.NewPos(pad, y+pad/2))
	p.chart.Resize(fyne.NewSize(w-2*pad, chartH))
	p.numbers.obj.Move(p.chart.Position())
	p.numbers.obj.Resize(p.chart.Size())
	p.footer.Move(fyne.NewPos(pad, h-fh-pad/2))
	p.footer.Resize(fyne.NewSize(w-2*pad, fh))
}
