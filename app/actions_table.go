package app

import (
	"image/color"
	"regexp"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
	"permanence/data/export"
)

// This file is what the Actions and Escalations screens share: a sortable
// table of the panel's items with one row chosen at a time, the names of
// the children they are about, and how the lists say a meeting.

// panelCol is one column of a list of the panel's actions or escalations.
type panelCol[T any] struct {
	title string
	width float32
	text  func(r *T) string
	// value is what an export writes (a data.Date when date is set, a
	// number, or nil for a blank); nil: the text.
	value func(r *T) any
	date  bool
	// narrowest is how narrow the column may become before the others
	// narrow (free text: what, why); 0: it narrows with the others.
	narrowest float32
	// warn draws the cell in the warning colour (an overdue action).
	warn func(r *T) bool
	// less orders the column; nil: by its text, ignoring case.
	less func(a, b *T) bool
}

// panelTable lists items of the panel (actions, escalations) with
// sortable headings; choosing a row chooses the item (it stays
// highlighted), for the buttons beside the list to act on.
type panelTable[T any] struct {
	table *widget.Table
	obj   fyne.CanvasObject
	cols  []panelCol[T]
	// order is the rows in the screen's own order (before a heading's
	// sort); rows is them as shown.
	order, rows []T
	key         func(r *T) string // an item's identity, to keep it chosen across reloads
	chosen      string            // the key of the chosen item; "" none
	sortCol     int               // -1: the screen's own order
	sortDesc    bool
	onChoose    func() // the chosen row changed
}

func newPanelTable[T any](cols []panelCol[T], key func(r *T) string, onChoose func()) *panelTable[T] {
	t := &panelTable[T]{cols: cols, key: key, onChoose: onChoose, sortCol: -1}
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.rows), len(t.cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewStack(canvas.NewRectangle(color.Transparent), l)
		},
		t.updateCell)
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = func() fyne.CanvasObject { return newHeaderCell() }
	t.table.UpdateHeader = t.updateHeader
	t.table.OnSelected = func(id widget.TableCellID) {
		t.table.UnselectAll() // the whole row is highlighted instead
		if id.Row >= 0 && id.Row < len(t.rows) {
			t.choose(t.key(&t.rows[id.Row]))
		}
	}
	for i, c := range cols {
		t.table.SetColumnWidth(i, c.width)
	}
	fit := &fitWidths{table: t.table}
	for _, c := range cols {
		fit.widths = append(fit.widths, c.width)
		fit.narrowest = append(fit.narrowest, c.narrowest)
	}
	t.obj = container.New(fit, t.table)
	return t
}

func (t *panelTable[T]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	st := o.(*fyne.Container)
	bg, l := st.Objects[0].(*canvas.Rectangle), st.Objects[1].(*widget.Label)
	if id.Row >= len(t.rows) || id.Col >= len(t.cols) {
		l.SetText("")
		return
	}
	r, c := &t.rows[id.Row], &t.cols[id.Col]
	imp := widget.MediumImportance
	if c.warn != nil && c.warn(r) {
		imp = widget.WarningImportance
	}
	if l.Importance != imp {
		l.Importance = imp
		l.Refresh()
	}
	l.SetText(c.text(r))
	fill := color.Color(color.Transparent)
	if t.chosen != "" && t.key(r) == t.chosen {
		fill = theme.Color(theme.ColorNameSelection)
	}
	if bg.FillColor != fill {
		bg.FillColor = fill
		bg.Refresh()
	}
}

func (t *panelTable[T]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*headerCell)
	if id.Col < 0 || id.Col >= len(t.cols) {
		h.SetText("")
		return
	}
	h.SetText(sortHeading(t.cols[id.Col].title, id.Col == t.sortCol, t.sortDesc))
	col := id.Col
	h.OnTapped = func() { t.sortBy(col) }
}

// choose makes the item with key the chosen one ("" none).
func (t *panelTable[T]) choose(key string) {
	if key == t.chosen {
		return
	}
	t.chosen = key
	t.table.Refresh()
	if t.onChoose != nil {
		t.onChoose()
	}
}

// chosenRow is the chosen item, or nil.
func (t *panelTable[T]) chosenRow() *T {
	if t.chosen == "" {
		return nil
	}
	for i := range t.rows {
		if t.key(&t.rows[i]) == t.chosen {
			return &t.rows[i]
		}
	}
	return nil
}

// set shows items in the screen's order (sorted by a heading when one was
// clicked); the chosen item stays chosen while it is among them.
func (t *panelTable[T]) set(items []T) {
	t.order = items
	t.sort()
	if t.chosen != "" && t.chosenRow() == nil {
		t.chosen = ""
		if t.onChoose != nil {
			t.onChoose()
		}
	}
	t.table.Refresh()
}

// sortBy sorts by a column: again on the same column, the other way round.
func (t *panelTable[T]) sortBy(col int) {
	if t.sortCol == col {
		t.sortDesc = !t.sortDesc
	} else {
		t.sortCol, t.sortDesc = col, false
	}
	t.sort()
	t.table.Refresh()
}

func (t *panelTable[T]) sort() {
	t.rows = append(t.rows[:0:0], t.order...)
	if t.sortCol < 0 || t.sortCol >= len(t.cols) {
		return
	}
	c := t.cols[t.sortCol]
	less := c.less
	if less == nil {
		less = func(a, b *T) bool { return strings.ToLower(c.text(a)) < strings.ToLower(c.text(b)) }
	}
	sort.SliceStable(t.rows, func(i, j int) bool {
		if t.sortDesc {
			return less(&t.rows[j], &t.rows[i])
		}
		return less(&t.rows[i], &t.rows[j])
	})
}

// shown is the list as on screen, to export: the same text, dates as
// dates and numbers as numbers. Its rows are about children.
func (t *panelTable[T]) shown(name string) shownList {
	l := shownList{name: name, children: true, cols: make([]export.ListColumn, len(t.cols))}
	for j, c := range t.cols {
		l.cols[j] = export.ListColumn{Heading: c.title, Date: c.date}
	}
	for i := range t.rows {
		r := &t.rows[i]
		row := make([]any, len(t.cols))
		for j, c := range t.cols {
			if c.value != nil {
				row[j] = c.value(r)
			} else {
				row[j] = c.text(r)
			}
		}
		l.rows = append(l.rows, row)
	}
	return l
}

// fitWidths fits a table's columns to the width it is given: the columns
// of free text narrow first, down to their narrowest, then every column
// alike, down to two thirds of its width (as fitColumns does for lists of
// children), so that dates and statuses stay whole on a small laptop.
type fitWidths struct {
	table     *widget.Table
	widths    []float32
	narrowest []float32 // 0: the column narrows only with the others
	width     float32
}

func (l *fitWidths) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l *fitWidths) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.width && size.Width > 0 {
		l.width = size.Width
		avail := size.Width - 2*theme.Padding() - theme.ScrollBarSize()
		for i, w := range fittedWidths(l.widths, l.narrowest, avail) {
			l.table.SetColumnWidth(i, w)
		}
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

// fittedWidths narrows widths to fit avail: the columns with a narrowest
// width give up their room first, in proportion to the room each has;
// then all narrow alike, to two thirds at least.
func fittedWidths(widths, narrowest []float32, avail float32) []float32 {
	out := append([]float32(nil), widths...)
	total, room := float32(0), float32(0)
	for i, w := range widths {
		total += w
		if narrowest[i] > 0 && narrowest[i] < w {
			room += w - narrowest[i]
		}
	}
	short := total - avail
	if short <= 0 {
		return out
	}
	if room > 0 {
		take := min(short, room)
		for i, w := range widths {
			if narrowest[i] > 0 && narrowest[i] < w {
				out[i] = w - (w-narrowest[i])*take/room
			}
		}
		total -= take
	}
	scale := min(max(avail/total, 0.67), 1)
	for i := range out {
		out[i] *= scale
	}
	return out
}

// panelChildren are the children the panel's lists name: every child's
// state in a snapshot by ID, and which of them the filters show.
type panelChildren struct {
	byID     map[string]*data.Child
	shown    map[string]bool // nil: no filter, every child
	filtered string          // the filters in words ("North, plan adoption")
}

// childrenOf reads a snapshot's children by ID (off the UI goroutine: it
// walks every child).
func childrenOf(snap *snapshot) panelChildren {
	pc := panelChildren{byID: map[string]*data.Child{}}
	if snap == nil {
		return pc
	}
	for i := range snap.all {
		pc.byID[snap.all[i].ID] = &snap.all[i]
	}
	if snap.view.filtered() {
		pc.shown = map[string]bool{}
		for i := range snap.m.Children {
			pc.shown[snap.m.Children[i].ID] = true
		}
		pc.filtered = filterText(snap.view)
	}
	return pc
}

// includes reports whether the filters show the child.
func (pc panelChildren) includes(id string) bool { return pc.shown == nil || pc.shown[id] }

// name is the child as lists show them: their name, or initials and ID
// when names are hidden; the ID alone for a child the extracts do not know
// as at the date on screen.
func (pc panelChildren) name(id string, hide bool) string {
	if c := pc.byID[id]; c != nil {
		return c.DisplayName(hide)
	}
	return id
}

// text is free text the panel wrote about a child ("Ask Sam's school…"),
// with the child's own names put as initials when names are hidden.
func (pc panelChildren) text(id, s string, hide bool) string {
	if !hide || s == "" {
		return s
	}
	return hideChildName(pc.byID[id], s)
}

// hideChildName puts each part of a child's name (of two letters or more)
// that free text uses as a word as its initial: "Sam Jones" → "S.".
func hideChildName(c *data.Child, s string) string {
	if c == nil || c.Name == "" {
		return s
	}
	for _, part := range strings.Fields(c.Name) {
		r := []rune(part)
		if len(r) < 2 {
			continue
		}
		// A word is letters and digits in any script ("Zoë"), so \b (ASCII
		// only) will not do; twice, for a name that follows itself.
		re, err := regexp.Compile(`(?i)(^|[^\p{L}\p{N}])` + regexp.QuoteMeta(part) + `([^\p{L}\p{N}]|$)`)
		if err != nil {
			continue
		}
		with := "${1}" + string(r[0]) + ".${2}"
		s = re.ReplaceAllString(re.ReplaceAllString(s, with), with)
	}
	return s
}

// meetingText says a meeting in a list: "Adoption, 12 Mar 2026".
func meetingText(m data.Meeting) string {
	return panelKindShort(m.Kind) + ", " + ukDate(m.Date)
}

// panelKindShort is a panel's kind in a word or two.
func panelKindShort(k data.PanelKind) string {
	switch k {
	case data.PanelTracking:
		return "Tracking"
	case data.PanelAdoption:
		return "Adoption"
	case data.PanelAll:
		return "All children"
	}
	return string(k)
}

// dateLess orders dates with a blank last.
func dateLess(a, b data.Date) bool {
	switch {
	case a.IsZero():
		return false
	case b.IsZero():
		return true
	}
	return a < b
}

// dateValue is a date for an export: nil for a blank.
func dateValue(d data.Date) any {
	if d.IsZero() {
		return nil
	}
	return d
}

// dialogEntry is a box of several lines in a dialog that Esc closes even
// while the box has the focus (a focused entry keeps every key otherwise).
type dialogEntry struct {
	widget.Entry
	onEscape func()
}

func newDialogEntry(placeholder string) *dialogEntry {
	e := &dialogEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetPlaceHolder(placeholder)
	e.SetMinRowsVisible(3)
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey closes the dialog on Esc.
func (e *dialogEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}
