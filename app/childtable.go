package app

import (
	"fmt"
	"math"
	"permanence/data/export"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"permanence/data"
)

// column is one column of a list of children.
type column struct {
	title string
	width float32
	text  func(s *snapshot, i int) string
	// value, when set, is what an export writes rather than the text: a
	// data.Date (date is then set), a number, or nil for a blank.
	value func(s *snapshot, i int) any
	date  bool
	// name marks the child's name: initials and ID when names are hidden.
	name bool
}

// childTable lists children of a snapshot, one row each; the data are
// slices of indices, so it stays smooth at any number of rows. Selecting a
// row opens the child's timeline.
type childTable struct {
	table    *widget.Table
	obj      fyne.CanvasObject // the table, its columns fitted to the width it has
	cols     []column
	snap     *snapshot
	rows     []int
	onSelect func(i int)
	onHeader func(col int) // nil: headers are not buttons
	sortCol  int
	sortDesc bool
}

func newChildTable(cols []column, onSelect func(i int), onHeader func(col int)) *childTable {
	t := &childTable{cols: cols, onSelect: onSelect, onHeader: onHeader, sortCol: -1}
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.rows), len(t.cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if t.snap == nil || id.Row >= len(t.rows) || id.Col >= len(t.cols) {
				l.SetText("")
				return
			}
			l.SetText(t.cols[id.Col].text(t.snap, t.rows[id.Row]))
		})
	t.table.ShowHeaderColumn = false
	t.obj = container.New(&fitColumns{t: t}, t.table)
	t.table.CreateHeader = func() fyne.CanvasObject { return newHeaderCell() }
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*headerCell)
		if id.Col < 0 || id.Col >= len(t.cols) {
			b.SetText("")
			return
		}
		b.SetText(sortHeading(t.cols[id.Col].title, id.Col == t.sortCol, t.sortDesc))
		col := id.Col
		if t.onHeader != nil {
			b.OnTapped = func() { t.onHeader(col) }
		} else {
			b.OnTapped = nil
		}
	}
	t.table.OnSelected = func(id widget.TableCellID) {
		t.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(t.rows) && t.onSelect != nil {
			t.onSelect(t.rows[id.Row])
		}
	}
	for i, c := range cols {
		t.table.SetColumnWidth(i, c.width)
	}
	return t
}

// set shows rows (indices into the snapshot's children).
func (t *childTable) set(s *snapshot, rows []int) {
	t.snap, t.rows = s, rows
	t.table.Refresh()
	t.table.ScrollToTop()
}

// refresh redraws the rows (after names are hidden or shown).
func (t *childTable) refresh() { t.table.Refresh() }

// shown is the list as the table shows it, with names hidden when hide is
// set. Call it on the UI goroutine.
func (t *childTable) shown(name string, hide bool) shownList {
	return childList(name, t.snap, t.rows, t.cols, hide)
}

// childList is rows of a snapshot's children in columns, as a list to
// export: the same text as on screen, with dates as dates and numbers as
// numbers. It reads only its arguments.
func childList(name string, snap *snapshot, rows []int, cols []column, hide bool) shownList {
	l := shownList{name: name, children: true, cols: make([]export.ListColumn, len(cols)), rows: make([][]any, len(rows))}
	for j, c := range cols {
		l.cols[j] = export.ListColumn{Heading: c.title, Date: c.date}
	}
	if snap == nil {
		return l
	}
	n := len(cols)
	cells := make([]any, len(rows)*n)
	for r, i := range rows {
		row := cells[r*n : (r+1)*n : (r+1)*n]
		for j, c := range cols {
			switch {
			case c.name:
				row[j] = snap.child(i).DisplayName(hide)
			case c.value != nil:
				row[j] = c.value(snap, i)
			default:
				row[j] = c.text(snap, i)
			}
		}
		l.rows[r] = row
	}
	return l
}

// Column builders shared by every list of children.

func colChild(hide func() bool) column {
	return column{title: "Child", width: 220, name: true,
		text: func(s *snapshot, i int) string { return s.child(i).DisplayName(hide()) }}
}

var (
	colID    = column{title: "ID", width: 110, text: func(s *snapshot, i int) string { return s.child(i).ID }}
	colTeam  = column{title: "Team", width: 150, text: func(s *snapshot, i int) string { return s.child(i).Team }}
	colPlan  = column{title: "Plan", width: 170, text: func(s *snapshot, i int) string { return planText(s.child(i)) }}
	colAge   = column{title: "Age", width: 110, text: func(s *snapshot, i int) string { return s.rows[i].ageBand }}
	colLegal = column{title: "Legal status", width: 160, text: func(s *snapshot, i int) string { return s.rows[i].legal }}
	colPlace = column{title: "Placement", width: 90, text: func(s *snapshot, i int) string { return s.child(i).PlacementType }}
	colStage = column{title: "Current stage", width: 200, text: func(s *snapshot, i int) string { return s.rows[i].stage }}
	colDays  = column{title: "Days in stage", width: 110,
		text: func(s *snapshot, i int) string { return daysText(s.rows[i].stageDays) },
		value: func(s *snapshot, i int) any {
			if d := s.rows[i].stageDays; d >= 0 {
				return d
			}
			return nil
		}}
	colDrift = column{title: "Drift flags", width: 320, text: func(s *snapshot, i int) string { return s.rows[i].drift }}
)

// colSince is weeks since a date field, e.g. weeks in proceedings.
func colSince(title string, f func(c *data.Child) data.Date) column {
	return column{title: title, width: 110,
		text: func(s *snapshot, i int) string {
			d := f(s.child(i))
			if d.IsZero() {
				return ""
			}
			return durationText(data.Days(d, s.view.asAt))
		},
		value: func(s *snapshot, i int) any {
			d := f(s.child(i))
			if d.IsZero() {
				return nil
			}
			return math.Round(float64(data.Days(d, s.view.asAt))/7*10) / 10
		}}
}

// colDate is a date field.
func colDate(title string, f func(c *data.Child) data.Date) column {
	return column{title: title, width: 120, date: true,
		text:  func(s *snapshot, i int) string { return ukDate(f(s.child(i))) },
		value: func(s *snapshot, i int) any { return f(s.child(i)) }}
}

func daysText(d int) string {
	if d < 0 {
		return ""
	}
	return fmt.Sprint(d)
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// planText is a child's plan as lists show it, marked when it was inferred
// (an SSDA903 return records no care plan).
func planText(c *data.Child) string {
	if c.PlanInferred {
		return c.Plan.Label() + " (inferred)"
	}
	return c.Plan.Label()
}

// fitColumns lays a child table out with its columns narrowed, down to
// two thirds of their width, to fit the width it is given: on a 1366-pixel
// laptop every column is in sight without scrolling sideways.
type fitColumns struct {
	t     *childTable
	width float32 // the width the columns were last fitted to
}

func (l *fitColumns) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l *fitColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.width && size.Width > 0 {
		l.width = size.Width
		total := float32(0)
		for _, c := range l.t.cols {
			total += c.width
		}
		avail := size.Width - 2*theme.Padding() - theme.ScrollBarSize()
		scale := min(max(avail/total, 0.67), 1)
		for i, c := range l.t.cols {
			l.t.table.SetColumnWidth(i, c.width*scale)
		}
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

// headerCell is a column heading that sorts when clicked: bold, cut short
// with an ellipsis rather than running into the next heading.
type headerCell struct {
	widget.BaseWidget
	label    *widget.Label
	OnTapped func()
}

func newHeaderCell() *headerCell {
	h := &headerCell{label: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	h.label.Truncation = fyne.TextTruncateEllipsis
	h.ExtendBaseWidget(h)
	return h
}

// SetText sets the heading.
func (h *headerCell) SetText(s string) { h.label.SetText(s) }

// Text is the heading.
func (h *headerCell) Text() string { return h.label.Text }

func (h *headerCell) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(h.label) }

// Tapped sorts by the column.
func (h *headerCell) Tapped(*fyne.PointEvent) {
	if h.OnTapped != nil {
		h.OnTapped()
	}
}

// Cursor says a sortable heading can be clicked.
func (h *headerCell) Cursor() desktop.Cursor {
	if h.OnTapped != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// sortHeading is a column's heading, with ▲ or ▼ when the list is sorted
// by it.
func sortHeading(title string, sorted, desc bool) string {
	switch {
	case !sorted:
		return title
	case desc:
		return title + " ▼"
	}
	return title + " ▲"
}
