package app

import (
	"image/color"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
)

// The small widgets of the panel's screens: reason chips, rows of
// aligned columns, and the entries of the record form, which pass the
// meeting's navigation keys on and save when they lose the focus.

// chip is a small rounded coloured label: an agenda reason, a meeting's
// status. Its colour says what kind of thing it is; its words say which.
type chip struct {
	widget.BaseWidget
	text      string
	colorName fyne.ThemeColorName
}

func newChip(text string, c fyne.ThemeColorName) *chip {
	ch := &chip{text: text, colorName: c}
	ch.ExtendBaseWidget(ch)
	return ch
}

func (c *chip) CreateRenderer() fyne.WidgetRenderer {
	r := &chipRenderer{c: c, bg: canvas.NewRectangle(color.Transparent), label: canvas.NewText(c.text, color.Black)}
	r.label.TextSize = theme.CaptionTextSize() * 1.1
	r.label.TextStyle.Bold = true
	r.Refresh()
	return r
}

type chipRenderer struct {
	c     *chip
	bg    *canvas.Rectangle
	label *canvas.Text
}

const chipPadH, chipPadV = 8, 3

func (r *chipRenderer) MinSize() fyne.Size {
	t := r.label.MinSize()
	return fyne.NewSize(t.Width+2*chipPadH, t.Height+2*chipPadV)
}

func (r *chipRenderer) Layout(size fyne.Size) {
	m := r.MinSize()
	// A chip keeps its own height in a taller row, centred.
	y := max(0, (size.Height-m.Height)/2)
	r.bg.Move(fyne.NewPos(0, y))
	r.bg.Resize(fyne.NewSize(m.Width, m.Height))
	r.bg.CornerRadius = m.Height / 2
	r.label.Move(fyne.NewPos(chipPadH, y+chipPadV))
	r.label.Resize(r.label.MinSize())
}

func (r *chipRenderer) Refresh() {
	base := themeColor(r.c.colorName)
	cr, cg, cb, _ := base.RGBA()
	r.bg.FillColor = color.NRGBA{R: uint8(cr >> 8), G: uint8(cg >> 8), B: uint8(cb >> 8), A: 0x38}
	r.bg.StrokeColor = base
	r.bg.StrokeWidth = 1
	r.label.Text = r.c.text
	r.label.Color = themeColor(theme.ColorNameForeground)
	r.bg.Refresh()
	r.label.Refresh()
}

func (r *chipRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.label} }
func (r *chipRenderer) Destroy()                     {}

// reasonColor is a reason chip's colour: blue for the panel's routine
// (review due, not yet seen), amber for a change to look at (plan changed,
// proceedings concluded), red for something wrong (drift, disruption, an
// open escalation, an overdue action), grey for a child added by hand.
func reasonColor(r data.Reason) fyne.ThemeColorName {
	switch r {
	case data.ReasonReviewDue, data.ReasonNotYetSeen:
		return theme.ColorNamePrimary
	case data.ReasonPlanChanged, data.ReasonProceedingsConcluded:
		return colorNameAmber
	case data.ReasonAdded:
		return theme.ColorNameDisabled
	}
	return colorNameWarning
}

// statusColor is a meeting status chip's colour.
func statusColor(s data.MeetingStatus) fyne.ThemeColorName {
	switch s {
	case data.MeetingPlanned:
		return theme.ColorNamePrimary
	case data.MeetingHeld:
		return colorNameAmber
	}
	return theme.ColorNameDisabled
}

// reasonChips are an agenda line's reasons as chips.
func reasonChips(rs []data.Reason) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(rs))
	for i, r := range rs {
		out[i] = newChip(r.Label(), reasonColor(r))
	}
	return out
}

// columnsLayout lays a row's objects side by side at fixed widths; a
// width of 0 shares what is left between such columns. Every row of a
// list built with the same widths lines up.
type columnsLayout struct{ widths []float32 }

func newColumns(widths []float32, objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(&columnsLayout{widths: widths}, objects...)
}

func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	w, h := float32(0), float32(0)
	for i, o := range objs {
		ms := o.MinSize()
		if i < len(l.widths) && l.widths[i] > 0 {
			w += l.widths[i]
		} else {
			w += ms.Width
		}
		if i > 0 {
			w += pad
		}
		h = max(h, ms.Height)
	}
	return fyne.NewSize(w, h)
}

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixedW, flex := float32(0), 0
	for i := range objs {
		if i < len(l.widths) && l.widths[i] > 0 {
			fixedW += l.widths[i]
		} else {
			flex++
		}
	}
	rest := size.Width - fixedW - pad*float32(max(len(objs)-1, 0))
	share := float32(0)
	if flex > 0 {
		share = max(rest/float32(flex), 0)
	}
	x := float32(0)
	for i, o := range objs {
		w := share
		if i < len(l.widths) && l.widths[i] > 0 {
			w = l.widths[i]
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

// formEntry is an entry of the panel's forms. While it has the focus, the
// meeting's keys for the next and previous child still work (an entry
// would otherwise keep every shortcut to itself), and leaving it saves at
// once rather than after the autosave's pause.
//
// An entry keeps the mouse wheel to itself (it scrolls its own text, even
// when all of it shows), so a long form would stop scrolling under the
// mouse: a form entry passes the wheel to the form's scroll instead, and a
// multi-line entry grows with its text so that none of it is hidden.
type formEntry struct {
	widget.Entry
	onShortcut func(fyne.Shortcut) bool // true: handled, the entry does not see it
	onBlur     func()
	wheel      func(*fyne.ScrollEvent) // the form's scroll, when set
	minRows    int                     // a multi-line entry's rows when empty
	rows       int                     // its rows now
}

func newFormEntry(multiLine bool, placeHolder string) *formEntry {
	e := &formEntry{}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
		e.minRows = 3
	}
	e.PlaceHolder = placeHolder
	e.ExtendBaseWidget(e)
	return e
}

// setRows sets how many rows a multi-line entry shows at least.
func (e *formEntry) setRows(n int) {
	e.minRows = n
	e.rows = 0
	e.fit()
}

// SetText shows a text, the entry as tall as it needs.
func (e *formEntry) SetText(s string) {
	e.Entry.SetText(s)
	e.fit()
}

// TypedRune grows the entry as the text does.
func (e *formEntry) TypedRune(r rune) {
	e.Entry.TypedRune(r)
	e.fit()
}

// TypedKey grows the entry on a new line.
func (e *formEntry) TypedKey(k *fyne.KeyEvent) {
	e.Entry.TypedKey(k)
	e.fit()
}

// Resize fits the rows to the new width.
func (e *formEntry) Resize(s fyne.Size) {
	e.Entry.Resize(s)
	e.fit()
}

// fit makes a multi-line entry tall enough for its text, as wrapped at its
// width (measured, with a little to spare for words wrapped early).
func (e *formEntry) fit() {
	if !e.MultiLine || e.minRows == 0 {
		return
	}
	th := e.Theme()
	w := e.Size().Width - 2*th.Size(theme.SizeNameInnerPadding) - 2*th.Size(theme.SizeNameInputBorder)
	rows := e.minRows
	if w > 0 {
		n := 0
		for _, para := range strings.Split(e.Text, "\n") {
			tw := fyne.MeasureText(para, th.Size(theme.SizeNameText), e.TextStyle).Width
			n += max(1, int(math.Ceil(float64(tw*1.1/w))))
		}
		rows = max(rows, n)
	}
	if rows != e.rows {
		e.rows = rows
		e.SetMinRowsVisible(rows)
	}
}

// CreateRenderer puts a layer over the entry that takes the mouse wheel
// (and nothing else) for the form's scroll; an entry outside a form
// scrolls its own text, as it would.
func (e *formEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.Entry.CreateRenderer()
	p := &wheelPass{to: func(ev *fyne.ScrollEvent) {
		if e.wheel != nil {
			e.wheel(ev)
			return
		}
		for _, o := range r.Objects() {
			if s, ok := o.(fyne.Scrollable); ok {
				s.Scrolled(ev)
				return
			}
		}
	}}
	p.ExtendBaseWidget(p)
	return &wheelRenderer{WidgetRenderer: r, pass: p}
}

// wheelPass takes the mouse wheel over a widget and gives it to a scroll.
type wheelPass struct {
	widget.BaseWidget
	to func(*fyne.ScrollEvent)
}

func (p *wheelPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// Scrolled passes the wheel on.
func (p *wheelPass) Scrolled(ev *fyne.ScrollEvent) { p.to(ev) }

type wheelRenderer struct {
	fyne.WidgetRenderer
	pass *wheelPass
}

func (r *wheelRenderer) Layout(s fyne.Size) {
	r.WidgetRenderer.Layout(s)
	r.pass.Move(fyne.NewPos(0, 0))
	r.pass.Resize(s)
}

func (r *wheelRenderer) Objects() []fyne.CanvasObject {
	return append(r.WidgetRenderer.Objects(), r.pass)
}

// TypedShortcut passes the meeting's navigation keys on.
func (e *formEntry) TypedShortcut(s fyne.Shortcut) {
	if e.onShortcut != nil && e.onShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
	e.fit() // a paste
}

// FocusLost saves what was typed.
func (e *formEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onBlur != nil {
		e.onBlur()
	}
}

// dateField is a date typed as 31/03/2026 (or 2026-03-31, or 31 Mar
// 2026: what extracts accept), or chosen from a calendar.
type dateField struct {
	*formEntry
	pick *widget.Button
}

// dateLayout is how a date field writes a date.
const dateLayout = "02/01/2006"

func newDateField() *dateField {
	d := &dateField{formEntry: newFormEntry(false, "dd/mm/yyyy")}
	d.pick = widget.NewButtonWithIcon("", theme.CalendarIcon(), d.showCalendar)
	d.pick.Importance = widget.LowImportance
	d.ActionItem = d.pick
	return d
}

// date reads the field: NoDate and ok when it is empty, ok false when it
// is not a date.
func (d *dateField) date() (data.Date, bool) {
	v, err := data.ParseDate(d.Text)
	return v, err == nil
}

// setDate writes a date (NoDate: empty).
func (d *dateField) setDate(v data.Date) {
	if v.IsZero() {
		d.SetText("")
		return
	}
	d.SetText(v.Time().Format(dateLayout))
}

func (d *dateField) showCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(d)
	if c == nil {
		return
	}
	start := time.Now()
	if v, ok := d.date(); ok && !v.IsZero() {
		start = v.Time()
	}
	var pop *widget.PopUp
	cal := widget.NewCalendar(start, func(t time.Time) {
		pop.Hide()
		d.setDate(data.DateOf(t))
	})
	pop = widget.NewPopUp(cal, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(d)
	pop.ShowAtPosition(pos.Add(fyne.NewPos(0, d.Size().Height)))
}

// setEnabled enables or disables the field and its calendar.
func (d *dateField) setEnabled(on bool) {
	if on {
		d.Enable()
		d.pick.Enable()
	} else {
		d.Disable()
		d.pick.Disable()
	}
}

// navStep is the child a navigation shortcut moves to: +1 the next, -1 the
// previous, 0 when s is not one. Ctrl+Page Down and Alt+Right go on,
// Ctrl+Page Up and Alt+Left go back.
func navStep(s fyne.Shortcut) int {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return 0
	}
	switch {
	case cs.Modifier == fyne.KeyModifierControl && cs.KeyName == fyne.KeyPageDown,
		cs.Modifier == fyne.KeyModifierAlt && cs.KeyName == fyne.KeyRight:
		return 1
	case cs.Modifier == fyne.KeyModifierControl && cs.KeyName == fyne.KeyPageUp,
		cs.Modifier == fyne.KeyModifierAlt && cs.KeyName == fyne.KeyLeft:
		return -1
	}
	return 0
}

// navShortcuts are the meeting's navigation keys, as registered on the
// window's canvas.
var navShortcuts = []*desktop.CustomShortcut{
	{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierControl},
	{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierControl},
	{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt},
	{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt},
}

// answerRadio is a yes/no/not-applicable question: labels as the form
// shows them, answers as the record keeps them.
type answerRadio struct {
	*widget.RadioGroup
	answers []data.Answer
}

func newAnswerRadio(labels []string, answers []data.Answer, changed func()) *answerRadio {
	a := &answerRadio{answers: answers}
	a.RadioGroup = widget.NewRadioGroup(labels, func(string) {
		if changed != nil {
			changed()
		}
	})
	a.Horizontal = true
	return a
}

func (a *answerRadio) answer() data.Answer {
	for i, l := range a.Options {
		if l == a.Selected {
			return a.answers[i]
		}
	}
	return ""
}

func (a *answerRadio) setAnswer(v data.Answer) {
	for i, ans := range a.answers {
		if ans == v {
			a.SetSelected(a.Options[i])
			return
		}
	}
	a.SetSelected("")
}

// problemLabel is a problem shown under a field, hidden when there is none.
func problemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

func setProblem(l *widget.Label, text string) {
	if text == "" {
		if l.Visible() {
			l.SetText("")
			l.Hide()
		}
		return
	}
	l.SetText(text)
	l.Show()
}
